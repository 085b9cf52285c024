package org.gridcare.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageTemplatesTest {
  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  final MessageTemplates templates = MessageTemplates.defaults("en", OSLO);

  @Test
  void rendersTimesInTheCentresZoneAndPerLanguage() {
    Outage o = Outage.planned(UUID.randomUUID(), Area.ofPostcodes("0150"), "cable works",
        Instant.parse("2026-11-26T08:00:00Z"), Instant.parse("2026-11-26T12:00:00Z"), "user:sup", NOW);
    assertThat(templates.render(NotificationKind.PLANNED_NOTICE, "en", o))
        .startsWith("Planned power outage 26.11 09:00 - 26.11 13:00 in your area (cable works).");
    assertThat(templates.render(NotificationKind.PLANNED_NOTICE, "ru", o)).startsWith("Плановое отключение");
    assertThat(templates.render(NotificationKind.RESTORED, "fa", o)).startsWith("Power is back");
  }

  @Test
  void unknownEstimateIsSaidInWords() {
    Outage o = Outage.unplanned(UUID.randomUUID(), Area.ofPostcodes("0150"), "storm", NOW, null, "oms", null, NOW)
        .outage();
    assertThat(templates.render(NotificationKind.OUTAGE_STARTED, "en", o)).endsWith("Expected back: not yet known.");
    assertThat(templates.render(NotificationKind.OUTAGE_STARTED, "ru", o)).endsWith("уточняется.");
  }

  @Test
  void defaultLanguageMustCoverEveryKind() {
    assertThatThrownBy(() -> new MessageTemplates(Map.of("en", Map.of(NotificationKind.RESTORED, "back")),
        Map.of(), "en", OSLO)).extracting("id").isEqualTo("incomplete-templates");
  }
}
