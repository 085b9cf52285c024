package org.gridcare.acd.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.acd.domain.HandleTime;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.WaitingCall;

/**
 * The ACD's live state shared by every server instance. Writes that decide who gets what are atomic: an operator
 * status changes only from the version it was read at, and a call leaves the waiting queue exactly once, so two
 * instances can never offer one operator two calls or one call to two operators.
 */
public interface AcdState {

  Future<List<Versioned<OperatorStatus>>> operators();

  Future<Optional<Versioned<OperatorStatus>>> operator(String operatorId);

  /** Writes {@code next} if the operator is still at {@code expectedVersion}; the new version, or empty on conflict. */
  Future<Optional<Long>> replaceOperator(long expectedVersion, OperatorStatus next);

  /**
   * Atomically: the operator is still at {@code expectedVersion} and {@code callId} is still waiting → the operator
   * becomes {@code reserved} and the call moves from waiting to offered (for {@code operatorId}). False otherwise.
   */
  Future<Boolean> reserve(long expectedVersion, OperatorStatus reserved, String callId, LiveCall offer);

  /** Adds a call to the waiting queue; false if it is already known (waiting, offered or answered). */
  Future<Boolean> enqueue(WaitingCall call);

  Future<List<WaitingCall>> waiting();

  Future<Optional<WaitingCall>> waitingCall(String callId);

  /** Replaces a call still waiting (re-prioritised, moved line, became a callback); false if it no longer waits. */
  Future<Boolean> updateWaiting(WaitingCall call);

  /** Removes a waiting call (abandoned, overflowed); the call if this instance removed it. */
  Future<Optional<WaitingCall>> removeWaiting(String callId);

  Future<List<LiveCall>> live();

  Future<Optional<LiveCall>> liveCall(String callId);

  /** Replaces a live call if still present (answered); false otherwise. */
  Future<Boolean> updateLive(LiveCall call);

  /** Removes a live call; the call if this instance removed it (exactly one instance handles its end). */
  Future<Optional<LiveCall>> removeLive(String callId);

  /** Moves an offered call back to the waiting queue (ring-no-answer); the call if this instance moved it. */
  Future<Optional<WaitingCall>> requeue(String callId);

  Future<Void> putLeg(String channel, Leg leg);

  Future<Optional<Leg>> leg(String channel);

  /** The leg of a channel, removed atomically: only one instance handles a channel's hang-up. */
  Future<Optional<Leg>> takeLeg(String channel);

  /**
   * A channel hung up: {@link #takeLeg}, and a channel without a leg is remembered as gone for a minute, so that a
   * leg registered just after ({@link #putLiveLeg}) is refused instead of waiting for a hang-up already seen.
   */
  Future<Optional<Leg>> hungUp(String channel);

  /** Registers the leg of a channel unless its hang-up was already seen ({@link #hungUp}); false then. */
  Future<Boolean> putLiveLeg(String channel, Leg leg);

  Future<Boolean> emergency();

  Future<Void> setEmergency(boolean on);

  Future<Map<Integer, HandleTime>> handleTimes();

  Future<Void> recordHandleTime(int line, Duration observed);
}
