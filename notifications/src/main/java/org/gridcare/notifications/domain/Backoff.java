package org.gridcare.notifications.domain;

import java.time.Duration;

/**
 * Exponential backoff for retryable sends: {@code first}, doubling, capped at {@code max}; after
 * {@code maxAttempts} attempts the recipient is failed.
 */
public record Backoff(Duration first, Duration max, int maxAttempts) {
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), 8);

  public Backoff {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || maxAttempts < 1) {
      throw new IllegalArgumentException("backoff needs 0 < first <= max and maxAttempts >= 1");
    }
  }

  /** Delay before the next attempt after {@code attempts} failed ones (1-based). */
  public Duration delayAfter(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = first.multipliedBy(1L << doublings);
    return d.compareTo(max) > 0 ? max : d;
  }

  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }
}
