package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;
import org.gridcare.config.LocaleConfig;
import org.gridcare.config.TopicConfig;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Business hours and holidays, in the centre's time zone; the configuration resolved for routing. */
class AcdSettingsTest {
  private static final LineConfig BRANCH = new LineConfig(2, "Branch", null, null, Duration.ofSeconds(60),
      Map.of("mon", "08:00-20:00", "fri", "08:00-18:00", "sat", "closed"), List.of(LocalDate.parse("2026-05-01")), null);
  private static final LineConfig CENTRAL = new LineConfig(1, "Central", null, null, null, null, null, null);
  private static final AcdSettings SETTINGS = AcdSettings.from(new ContactCentreConfig(null, null, null, null,
      new LocaleConfig("NO", null, "Europe/Oslo"), List.of(CENTRAL, BRANCH),
      List.of(new TopicConfig("metering", null, 2, null, null, null)), null, null, null, null, null, null, null));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "2026-01-12T06:59:00Z, false", // Monday 07:59 in Oslo
      "2026-01-12T07:00:00Z, true", //  08:00
      "2026-01-12T18:59:00Z, true", //  19:59
      "2026-01-12T19:00:00Z, false", // 20:00
      "2026-01-13T10:00:00Z, false", // Tuesday: no hours given
      "2026-01-17T10:00:00Z, false", // Saturday: closed
      "2026-05-01T10:00:00Z, false", // Friday, a holiday
      "2026-05-08T10:00:00Z, true", //  the next Friday
      "2026-07-06T06:30:00Z, true"}) // Monday 08:30 in summer time (UTC+2)
  void aLineIsOpenInItsHoursInTheCentresTimeZoneExceptOnHolidays(String at, boolean open) {
    assertThat(SETTINGS.open(2, Instant.parse(at))).isEqualTo(open);
  }

  @Test
  void aLineWithoutHoursIsAlwaysOpen() {
    assertThat(SETTINGS.open(1, Instant.parse("2026-05-01T02:00:00Z"))).isTrue();
  }

  @Test
  void wrapUpAndServiceLevelComeFromTheLine() {
    assertThat(SETTINGS.wrapUp(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(SETTINGS.serviceLevels()).containsEntry(1, Duration.ofSeconds(20));
  }

  @Test
  void unknownNamesAreRefusedWithStableIds() {
    assertThatThrownBy(() -> SETTINGS.topic("x")).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.id()).isEqualTo("unknown-topic"));
    assertThatThrownBy(() -> SETTINGS.line(9)).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.id()).isEqualTo("unknown-line"));
    assertThatThrownBy(() -> SETTINGS.operator("x")).isInstanceOfSatisfying(DomainException.class,
        e -> assertThat(e.id()).isEqualTo("no-such-operator"));
  }
}
