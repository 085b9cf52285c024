package org.gridcare.acd.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A supervisor's decision that a line is open (or closed) whatever its configured hours say, until {@code until}
 * (null: until further notice).
 */
public record LineOverride(int line, boolean open, Instant until, String by, Instant at) {
  public LineOverride {
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }

  /** Whether the override still holds at {@code now}. */
  public boolean holdsAt(Instant now) {
    return until == null || now.isBefore(until);
  }
}
