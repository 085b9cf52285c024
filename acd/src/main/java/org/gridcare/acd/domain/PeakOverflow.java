package org.gridcare.acd.domain;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Peak overflow: a waiting call leaves for another centre when nobody who could take it is free and either its
 * estimated wait exceeds the threshold (or is unbounded: nobody staffs the line) or emergency mode is on. A free
 * eligible operator always wins: the call is never sent away while someone here could answer it.
 */
public record PeakOverflow(Duration threshold, List<OverflowDestination> destinations) {
  public PeakOverflow {
    destinations = List.copyOf(destinations);
  }

  public Optional<OverflowDestination> decide(
      WaitingCall call, boolean eligibleOperatorFree, Optional<Duration> estimatedWait, boolean emergency) {
    if (eligibleOperatorFree || call.callback() || call.channel() == null) {
      return Optional.empty();
    }
    boolean tooLong = estimatedWait.map(w -> w.compareTo(threshold) > 0).orElse(true);
    if (!emergency && !tooLong) {
      return Optional.empty();
    }
    return destinations.stream().filter(d -> d.takes(call.line())).findFirst();
  }
}
