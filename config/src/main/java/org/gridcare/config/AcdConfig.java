package org.gridcare.config;

import java.time.Duration;
import java.util.List;

/**
 * Routing timers and thresholds (data, not code). {@code proficiency-widening}: a call first goes to operators with
 * the highest level; after each step's {@code after} the minimum level drops to {@code min-level}.
 */
public record AcdConfig(
    Duration ringNoAnswer,
    Duration priorityAgingStep,
    Duration line1OverflowAfter,
    Duration callbackOfferAfter,
    Duration announceEvery,
    List<Widening> proficiencyWidening,
    PeakOverflow peakOverflow) {

  public AcdConfig {
    ringNoAnswer = ringNoAnswer == null ? Duration.ofSeconds(15) : ringNoAnswer;
    priorityAgingStep = priorityAgingStep == null ? Duration.ofSeconds(60) : priorityAgingStep;
    line1OverflowAfter = line1OverflowAfter == null ? Duration.ofSeconds(90) : line1OverflowAfter;
    callbackOfferAfter = callbackOfferAfter == null ? Duration.ofSeconds(60) : callbackOfferAfter;
    announceEvery = announceEvery == null ? Duration.ofSeconds(30) : announceEvery;
    proficiencyWidening = proficiencyWidening == null
        ? List.of(new Widening(Duration.ZERO, 3), new Widening(Duration.ofSeconds(30), 1))
        : List.copyOf(proficiencyWidening);
    peakOverflow = peakOverflow == null ? new PeakOverflow(null, null) : peakOverflow;
  }

  public static AcdConfig defaults() {
    return new AcdConfig(null, null, null, null, null, null, null);
  }

  public record Widening(Duration after, Integer minLevel) {}

  /** Other centres/branches that take calls when every operator is busy and the wait is too long. */
  public record PeakOverflow(Duration estimatedWaitThreshold, List<Destination> destinations) {
    public PeakOverflow {
      estimatedWaitThreshold = estimatedWaitThreshold == null ? Duration.ofMinutes(5) : estimatedWaitThreshold;
      destinations = destinations == null ? List.of() : List.copyOf(destinations);
    }
  }

  public record Destination(String name, String number, List<Integer> lines) {
    public Destination {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }
  }

  void validate(Problems p) {
    p.check(!ringNoAnswer.isNegative() && !ringNoAnswer.isZero(), "acd.ring-no-answer", "must be positive");
    p.check(!priorityAgingStep.isZero() && !priorityAgingStep.isNegative(), "acd.priority-aging-step", "must be positive");
    for (int i = 0; i < proficiencyWidening.size(); i++) {
      Widening w = proficiencyWidening.get(i);
      String k = "acd.proficiency-widening[" + i + "]";
      p.required(k + ".after", w.after());
      p.check(w.minLevel() != null && w.minLevel() >= 1 && w.minLevel() <= 5, k + ".min-level", "must be 1..5");
    }
    List<Destination> ds = peakOverflow.destinations();
    for (int i = 0; i < ds.size(); i++) {
      p.required("acd.peak-overflow.destinations[" + i + "].number", ds.get(i).number());
    }
  }
}
