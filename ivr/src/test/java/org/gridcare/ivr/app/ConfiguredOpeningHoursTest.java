package org.gridcare.ivr.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.gridcare.config.LineConfig;
import org.junit.jupiter.api.Test;

class ConfiguredOpeningHoursTest {
  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final LineConfig ALWAYS = new LineConfig(1, "Central", null, null, null, null, null, null);
  static final LineConfig BRANCH = new LineConfig(2, "Branch", null, null, null,
      Map.of("mon", "08:00-20:00", "fri", "08:00-18:00", "sat", "closed"), List.of(LocalDate.of(2026, 12, 25)), null);

  static boolean open(int line, int year, int month, int day, int hour, int minute) {
    Clock clock = Clock.fixed(ZonedDateTime.of(year, month, day, hour, minute, 0, 0, OSLO).toInstant(), OSLO);
    return new ConfiguredOpeningHours(List.of(ALWAYS, BRANCH), OSLO, clock).isOpen(line);
  }

  @Test
  void followsTheHoursOfEachDayInTheCentresTimeZone() {
    assertThat(open(2, 2026, 11, 23, 8, 0)).as("Monday 08:00").isTrue();
    assertThat(open(2, 2026, 11, 23, 7, 59)).as("Monday 07:59").isFalse();
    assertThat(open(2, 2026, 11, 27, 18, 0)).as("Friday 18:00 is closing time").isFalse();
    assertThat(open(2, 2026, 11, 28, 12, 0)).as("Saturday closed").isFalse();
    assertThat(open(2, 2026, 11, 29, 12, 0)).as("Sunday not listed").isFalse();
  }

  @Test
  void holidaysCloseTheLineAndALineWithoutHoursIsAlwaysOpen() {
    assertThat(open(2, 2026, 12, 25, 12, 0)).as("Christmas Day, a Friday").isFalse();
    assertThat(open(1, 2026, 12, 25, 3, 0)).isTrue();
    assertThat(open(7, 2026, 12, 25, 3, 0)).as("unknown line").isTrue();
  }
}
