package org.gridcare.acd.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.gridcare.platform.domain.DomainException;

/**
 * An operator's live status: the chosen {@link Presence} (with a reason when not ready) kept apart from the
 * system-driven {@link Activity}, as FreeSWITCH mod_callcenter does. A chosen not-ready during a call takes effect
 * when the call and its wrap-up are over. Every transition returns a new value; illegal ones throw a conflict.
 *
 * @param endpoint softphone the operator logged in on (null when logged out)
 * @param callId the call offered, talked or wrapped up (null when idle)
 * @param since when {@link #state()} last changed
 * @param idleSince when the operator last became free for a call: the key of longest-idle routing
 * @param wrapUpUntil end of the current wrap-up (null outside wrap-up)
 */
public record OperatorStatus(
    String operatorId, Presence presence, String reason, Activity activity, String endpoint, String callId,
    Instant since, Instant idleSince, Instant wrapUpUntil) {

  public OperatorStatus {
    Objects.requireNonNull(operatorId, "operatorId");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(since, "since");
  }

  public static OperatorStatus loggedOut(String operatorId, Instant at) {
    return new OperatorStatus(operatorId, Presence.LOGGED_OUT, null, Activity.IDLE, null, null, at, null, null);
  }

  public OperatorState state() {
    return OperatorState.of(presence, activity);
  }

  /** Ready and idle: may be offered a call. */
  public boolean available() {
    return state() == OperatorState.READY;
  }

  /** Logs in on a softphone; the operator starts not ready until they say otherwise. */
  public OperatorStatus login(String atEndpoint, Instant at) {
    if (presence != Presence.LOGGED_OUT) {
      throw DomainException.conflict("operator-logged-in", "Operator " + operatorId + " is already logged in");
    }
    if (atEndpoint == null || atEndpoint.isBlank()) {
      throw DomainException.invalid("missing-endpoint", "Logging in needs a softphone endpoint");
    }
    return new OperatorStatus(operatorId, Presence.NOT_READY, NotReadyReason.LOGGED_IN, Activity.IDLE, atEndpoint,
        null, at, null, null);
  }

  public OperatorStatus ready(Instant at) {
    requireLoggedIn();
    if (presence == Presence.READY) {
      return this;
    }
    Instant idle = activity == Activity.IDLE ? at : idleSince;
    return with(Presence.READY, null, activity, callId, at, idle, wrapUpUntil);
  }

  /** {@code reason} is one of {@link NotReadyReason#CHOSEN} or a system reason. */
  public OperatorStatus notReady(String why, Instant at) {
    requireLoggedIn();
    return with(Presence.NOT_READY, why, activity, callId, at, idleSince, wrapUpUntil);
  }

  public OperatorStatus logout(Instant at) {
    requireLoggedIn();
    if (activity != Activity.IDLE && activity != Activity.WRAP_UP) {
      throw DomainException.conflict("operator-busy", "Operator " + operatorId + " is " + state().id()
          + "; log out after the call");
    }
    return loggedOut(operatorId, at);
  }

  /** A call is offered (ringing the softphone). */
  public OperatorStatus reserve(String call, Instant at) {
    if (!available()) {
      throw DomainException.conflict("operator-not-ready", "Operator " + operatorId + " is " + state().id());
    }
    return with(presence, reason, Activity.RESERVED, Objects.requireNonNull(call, "call"), at, idleSince, null);
  }

  public OperatorStatus answer(Instant at) {
    requireActivity(Activity.RESERVED);
    return with(presence, reason, Activity.ON_CALL, callId, at, idleSince, null);
  }

  /** Ring-no-answer: the operator is set not ready with reason {@code no-answer}. */
  public OperatorStatus noAnswer(Instant at) {
    requireActivity(Activity.RESERVED);
    return with(Presence.NOT_READY, NotReadyReason.NO_ANSWER, Activity.IDLE, null, at, idleSince, null);
  }

  /** The offer was withdrawn (the caller left while the softphone rang): back as before, keeping the idle time. */
  public OperatorStatus withdrawOffer(Instant at) {
    requireActivity(Activity.RESERVED);
    return with(presence, reason, Activity.IDLE, null, at, idleSince, null);
  }

  /** The call ended: wrap-up for the line's time, or straight back when it is zero. */
  public OperatorStatus hangUp(Duration wrapUp, Instant at) {
    requireActivity(Activity.ON_CALL);
    if (wrapUp.isZero()) {
      return with(presence, reason, Activity.IDLE, null, at, at, null);
    }
    return with(presence, reason, Activity.WRAP_UP, callId, at, idleSince, at.plus(wrapUp));
  }

  public boolean wrapUpOver(Instant now) {
    return activity == Activity.WRAP_UP && !now.isBefore(wrapUpUntil);
  }

  public OperatorStatus endWrapUp(Instant at) {
    requireActivity(Activity.WRAP_UP);
    return with(presence, reason, Activity.IDLE, null, at, at, null);
  }

  private OperatorStatus with(Presence p, String r, Activity a, String call, Instant at, Instant idle, Instant until) {
    OperatorState next = OperatorState.of(p, a);
    boolean changed = next != state() || next == OperatorState.NOT_READY && !Objects.equals(r, reason);
    return new OperatorStatus(operatorId, p, r, a, endpoint, call, changed ? at : since, idle, until);
  }

  private void requireLoggedIn() {
    if (presence == Presence.LOGGED_OUT) {
      throw DomainException.conflict("operator-logged-out", "Operator " + operatorId + " is not logged in");
    }
  }

  private void requireActivity(Activity expected) {
    if (activity != expected) {
      throw DomainException.conflict("operator-not-" + expected.name().toLowerCase(Locale.ROOT).replace('_', '-'),
          "Operator " + operatorId + " is " + state().id() + ", not " + OperatorState.of(Presence.READY, expected).id());
    }
  }
}
