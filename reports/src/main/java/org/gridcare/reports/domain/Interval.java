package org.gridcare.reports.domain;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.gridcare.platform.domain.DomainException;

/** How a report's range is cut into rows: fixed minutes from the range start, local calendar days or months, or not at all. */
public enum Interval {
  MIN15("15m", "15 minutes"),
  MIN30("30m", "30 minutes"),
  MIN60("60m", "60 minutes"),
  DAY("day", "day"),
  MONTH("month", "month"),
  ALL("all", "all");

  private final String id;
  private final String step;

  Interval(String id, String step) {
    this.id = id;
    this.step = step;
  }

  public String id() {
    return id;
  }

  /** The {@code step} argument of the SQL function {@code report_bucket}. */
  public String step() {
    return step;
  }

  public static Interval of(String id) {
    for (Interval i : values()) {
      if (i.id.equals(id)) {
        return i;
      }
    }
    throw DomainException.invalid("bad-interval", "Unknown interval " + id + " (known: "
        + Arrays.stream(values()).map(Interval::id).collect(Collectors.joining(", ")) + ")");
  }
}
