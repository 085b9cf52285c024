package org.gridcare.ivr.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReadingCheckTest {
  static final LocalDate LAST_READ = LocalDate.of(2026, 8, 25);
  static final LocalDate TODAY = LocalDate.of(2026, 11, 25); // 92 days later
  static final MeterHistory HOUSE = new MeterHistory("707057500000000018", 12_000L, LAST_READ, 6_000);

  @Test
  void aReadingBelowTheLastIsRejected() {
    assertThat(ReadingCheck.of(11_999, HOUSE, TODAY)).isEqualTo(ReadingCheck.BELOW_LAST);
  }

  @Test
  void theSameOrANormalRiseIsPlausible() {
    assertThat(ReadingCheck.of(12_000, HOUSE, TODAY)).isEqualTo(ReadingCheck.PLAUSIBLE);
    assertThat(ReadingCheck.of(13_500, HOUSE, TODAY)).isEqualTo(ReadingCheck.PLAUSIBLE);
  }

  @Test
  void moreThanThreeTimesTheExpectedUseIsTooHigh() {
    long expected = 6_000L * 92 / 365; // 1512 kWh
    long limit = 12_000 + 3 * expected + 500;
    assertThat(ReadingCheck.of(limit, HOUSE, TODAY)).isEqualTo(ReadingCheck.PLAUSIBLE);
    assertThat(ReadingCheck.of(limit + 1, HOUSE, TODAY)).isEqualTo(ReadingCheck.TOO_HIGH);
    assertThat(ReadingCheck.of(120_000, HOUSE, TODAY)).as("an extra digit").isEqualTo(ReadingCheck.TOO_HIGH);
  }

  @Test
  void aMeterWithoutReadingsAcceptsAnyValue() {
    MeterHistory fresh = new MeterHistory("707057500000000018", null, null, 6_000);
    assertThat(ReadingCheck.of(42, fresh, TODAY)).isEqualTo(ReadingCheck.PLAUSIBLE);
  }
}
