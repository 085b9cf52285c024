package org.gridcare.acd.domain;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The routing thresholds as data (from the {@code acd} configuration): priority aging, line-1 overflow, proficiency
 * widening and the peak-overflow threshold.
 */
public record RoutingRules(
    Duration priorityAgingStep, Duration line1OverflowAfter, List<Widening> widening, Duration peakWaitThreshold) {

  public RoutingRules {
    Objects.requireNonNull(priorityAgingStep, "priorityAgingStep");
    Objects.requireNonNull(line1OverflowAfter, "line1OverflowAfter");
    Objects.requireNonNull(peakWaitThreshold, "peakWaitThreshold");
    if (priorityAgingStep.isZero() || priorityAgingStep.isNegative()) {
      throw new IllegalArgumentException("priority aging step must be positive");
    }
    widening = widening.stream().sorted(Comparator.comparing(Widening::after)).toList();
  }

  /** After a call has waited {@code after}, operators from proficiency {@code minLevel} up may take it. */
  public record Widening(Duration after, int minLevel) {}

  /** The line whose calls overflow to the operators of {@link #OVERFLOW_TO_LINE} who hold the skill. */
  public static final int OVERFLOW_FROM_LINE = 1;
  public static final int OVERFLOW_TO_LINE = 2;

  /** The lowest proficiency accepted for a call that has waited {@code waited}. */
  public int minLevel(Duration waited) {
    int level = widening.isEmpty() ? 1 : widening.get(0).minLevel();
    for (Widening w : widening) {
      if (w.after().compareTo(waited) <= 0) {
        level = w.minLevel();
      }
    }
    return level;
  }
}
