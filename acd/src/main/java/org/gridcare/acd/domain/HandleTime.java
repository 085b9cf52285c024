package org.gridcare.acd.domain;

import java.time.Duration;

/**
 * A line's mean handling time (talk + wrap-up) for wait estimates: the plain mean of the first samples, then an
 * exponentially weighted mean so the estimate follows the day. Starts at {@link #INITIAL} until calls are observed.
 */
public record HandleTime(Duration mean, long samples) {
  public static final Duration INITIAL = Duration.ofMinutes(3);
  static final int PLAIN_MEAN_SAMPLES = 20;

  public static HandleTime initial() {
    return new HandleTime(INITIAL, 0);
  }

  public HandleTime add(Duration observed) {
    long n = samples + 1;
    double weight = n <= PLAIN_MEAN_SAMPLES ? 1.0 / n : 1.0 / PLAIN_MEAN_SAMPLES;
    double base = samples == 0 ? observed.toMillis() : mean.toMillis();
    long millis = Math.round(base + weight * (observed.toMillis() - base));
    return new HandleTime(Duration.ofMillis(millis), n);
  }
}
