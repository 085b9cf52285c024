package org.gridcare.acd.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One operator state change as logged and journalled; {@code reason} is set for not-ready. */
public record StateChange(String operatorId, OperatorState from, OperatorState to, String reason, String callId, Instant at) {

  /** The change between two statuses, empty unless the state (or the not-ready reason) moved. */
  public static Optional<StateChange> between(OperatorStatus before, OperatorStatus after) {
    boolean reasonMoved = after.state() == OperatorState.NOT_READY && !Objects.equals(before.reason(), after.reason());
    if (before.state() == after.state() && !reasonMoved) {
      return Optional.empty();
    }
    String call = after.callId() != null ? after.callId() : before.callId();
    return Optional.of(new StateChange(after.operatorId(), before.state(), after.state(), after.state() == OperatorState.NOT_READY ? after.reason() : null, call, after.since()));
  }
}
