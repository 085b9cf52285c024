package org.gridcare.reports.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gridcare.platform.domain.DomainException;

/**
 * One report over {@code [from, to)}, cut by {@code interval}, for the given lines (empty: all lines, including
 * facts that belong to no line, such as calls closed in the IVR).
 */
public record ReportQuery(Report report, Instant from, Instant to, Interval interval, List<Integer> lines) {
  /** At most this many rows' worth of buckets, so a 15-minute report over years is refused, not run. */
  public static final long MAX_BUCKETS = 20_000;

  public ReportQuery {
    lines = lines == null ? List.of() : List.copyOf(lines);
    if (!from.isBefore(to)) {
      throw DomainException.invalid("bad-range", "from (" + from + ") must be before to (" + to + ")");
    }
    long minutes = switch (interval) {
      case MIN15 -> 15;
      case MIN30 -> 30;
      case MIN60 -> 60;
      default -> 0;
    };
    if (minutes > 0 && Duration.between(from, to).toMinutes() / minutes > MAX_BUCKETS) {
      throw DomainException.invalid("range-too-long", "More than " + MAX_BUCKETS + " intervals of " + interval.id()
          + " in the range; choose a longer interval");
    }
  }
}
