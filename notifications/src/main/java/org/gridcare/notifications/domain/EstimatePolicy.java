package org.gridcare.notifications.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When a new estimated restoration is worth another message. Customers were last told {@code notified}; the new
 * estimate is material when it is the first one, or it moved by at least {@code threshold} (30 minutes by default)
 * away from what they were told. Comparing with the last notified value (not the previous estimate) means a string
 * of small slips still reaches customers once they add up.
 */
public record EstimatePolicy(Duration threshold) {
  public static final EstimatePolicy DEFAULT = new EstimatePolicy(Duration.ofMinutes(30));

  public EstimatePolicy {
    if (threshold == null || threshold.isNegative() || threshold.isZero()) {
      throw new IllegalArgumentException("threshold must be positive");
    }
  }

  public boolean material(Instant notified, Instant revised) {
    if (revised == null) {
      return false;
    }
    if (notified == null) {
      return true;
    }
    return Duration.between(notified, revised).abs().compareTo(threshold) >= 0;
  }
}
