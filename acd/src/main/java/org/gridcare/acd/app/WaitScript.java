package org.gridcare.acd.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.CallerHungUp;

/**
 * The {@code cc-wait} script ({@code AGI(agi://host/wait)}): while the caller waits, music on hold in rounds of
 * {@code announce-every}, each round opened by their place and the estimated wait (computed by the ACD); once they
 * have waited {@code callback-offer-after}, one offer of a callback on key 1 that keeps their place. While an
 * operator's phone rings for the call the music goes on. The script ends when an operator takes the call (the
 * bridge pulls the channel away), when the caller hangs up, after a callback was booked, or when the ACD no longer
 * has the call (overflowed elsewhere).
 *
 * <p>Announcements use Asterisk's own queue sounds and {@code SayNumber}; the three callback prompts
 * ({@link #OFFER}, {@link #BOOKED}, {@link #UNAVAILABLE}) are the contact centre's.
 */
public final class WaitScript implements CallScript {
  public static final String OFFER = "cc-callback-offer";
  public static final String BOOKED = "cc-callback-booked";
  public static final String UNAVAILABLE = "cc-callback-unavailable";
  static final char CALLBACK_KEY = '1';
  private static final Duration KEY_TIMEOUT = Duration.ofSeconds(5);
  /** How often a caller whose call is being offered checks whether it came back to the queue. */
  private static final Duration RINGING_SLICE = Duration.ofSeconds(2);

  private final Acd acd;
  private final Duration announceEvery;

  public WaitScript(Acd acd, Duration announceEvery) {
    this.acd = acd;
    this.announceEvery = announceEvery;
  }

  @Override
  public Future<Void> run(CallSession session) {
    return round(session, session.info().call().value(), false)
        .recover(e -> e instanceof CallerHungUp ? Future.succeededFuture() : Future.failedFuture(e));
  }

  private Future<Void> round(CallSession session, String callId, boolean offered) {
    return acd.place(callId).compose(found -> {
      if (found.isEmpty()) {
        return whileRinging(session, callId, offered);
      }
      QueuePlace place = found.get();
      boolean offerNow = place.callbackOffered() && !offered;
      return announce(session, place)
          .compose(v -> offerNow ? offerCallback(session, callId) : Future.succeededFuture(false))
          .compose(booked -> booked
              ? Future.succeededFuture()
              : session.exec("MusicOnHold", "default," + announceEvery.toSeconds())
                  .compose(v -> round(session, callId, offered || offerNow)));
    });
  }

  /**
   * Out of the queue but maybe not gone: while an operator's phone rings for this call the caller keeps hearing
   * music (the bridge pulls them away; ring-no-answer puts them back in the queue). Ending the script here would
   * let the dialplan hang up on them.
   */
  private Future<Void> whileRinging(CallSession session, String callId, boolean offered) {
    return acd.operatorOf(callId).compose(operator -> operator.isEmpty()
        ? Future.succeededFuture()
        : session.exec("MusicOnHold", "default," + RINGING_SLICE.toSeconds())
            .compose(v -> round(session, callId, offered)));
  }

  /** "You are next" or "there are N calls waiting", then "the estimated hold time is M minutes" when known. */
  private Future<Void> announce(CallSession session, QueuePlace place) {
    Future<Void> position = place.position() == 0
        ? session.play("queue-youarenext", "").mapEmpty()
        : session.play("queue-thereare", "")
            .compose(v -> session.exec("SayNumber", Integer.toString(place.position())))
            .compose(v -> session.play("queue-callswaiting", "")).mapEmpty();
    Optional<Duration> wait = place.estimatedWait().filter(w -> !w.isZero());
    if (wait.isEmpty()) {
      return position;
    }
    long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
    return position
        .compose(v -> session.play("queue-holdtime", ""))
        .compose(v -> session.exec("SayNumber", Long.toString(minutes)))
        .compose(v -> session.play("queue-minutes", "")).mapEmpty();
  }

  /** True when a callback was booked (the caller is then told so and the script ends). */
  private Future<Boolean> offerCallback(CallSession session, String callId) {
    return session.play(OFFER, String.valueOf(CALLBACK_KEY))
        .compose(key -> key.isPresent() ? Future.succeededFuture(key) : session.waitForDigit(KEY_TIMEOUT))
        .compose(key -> {
          if (key.isEmpty() || key.get() != CALLBACK_KEY) {
            return Future.succeededFuture(false);
          }
          return acd.requestCallback(callId, session.info().callerNumber()).transform(booked -> booked.succeeded()
              ? session.play(BOOKED, "").map(true)
              : session.play(UNAVAILABLE, "").map(false));
        });
  }
}
