package org.gridcare.acd.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.acd.domain.WaitingCall;

/** One line's queue as supervisors and the wallboard see it now. */
public record QueueSnapshot(
    int line, String name, boolean open, List<Queued> calls, Duration longestWait, Map<OperatorState, Long> operators) {

  /** A waiting call with its place, wait, aged priority and estimated wait (empty: nobody staffs the line). */
  public record Queued(WaitingCall call, int position, Duration waited, int effectivePriority, Optional<Duration> estimatedWait) {}
}
