package org.gridcare.ivr.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Plausibility of a meter reading typed on the keypad: not below the last reading, and not absurdly above what the
 * metering point is expected to consume since then (three times the expected consumption plus a margin, so a cold
 * winter passes and a typo with an extra digit does not).
 */
public enum ReadingCheck {
  PLAUSIBLE("plausible"),
  BELOW_LAST("below-last"),
  TOO_HIGH("too-high");

  static final long MARGIN_KWH = 500;
  static final int FACTOR = 3;
  private final String outcome;

  ReadingCheck(String outcome) {
    this.outcome = outcome;
  }

  public String outcome() {
    return outcome;
  }

  public static ReadingCheck of(long reading, MeterHistory history, LocalDate today) {
    if (history.lastReading() == null) {
      return PLAUSIBLE;
    }
    if (reading < history.lastReading()) {
      return BELOW_LAST;
    }
    long days = Math.max(1, ChronoUnit.DAYS.between(history.lastReadOn(), today));
    long expected = history.expectedKwhPerYear() * days / 365;
    return reading - history.lastReading() > FACTOR * expected + MARGIN_KWH ? TOO_HIGH : PLAUSIBLE;
  }
}
