package org.gridcare.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.gridcare.notifications.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** The texts configured in config/contact-centre.yaml (notifications.templates), rendered per language and channel. */
class MessageTemplatesTest {
  static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  final MessageTemplates templates = Fixtures.templates();

  @Test
  void rendersTimesInTheCentresZonePerLanguageAndChannel() {
    Outage o = Outage.planned(UUID.randomUUID(), Area.ofPostcodes("0150"), "cable works",
        Instant.parse("2026-11-26T08:00:00Z"), Instant.parse("2026-11-26T12:00:00Z"), "user:sup", NOW);
    assertThat(templates.render(NotificationKind.PLANNED_NOTICE, Channel.SMS, "en", o))
        .startsWith("Planned power outage 26.11 09:00 - 26.11 13:00 in your area (cable works).");
    assertThat(templates.render(NotificationKind.PLANNED_NOTICE, Channel.VOICE, "en", o))
        .contains("from 26.11 09:00 to 26.11 13:00").doesNotContain("STOP");
    assertThat(templates.render(NotificationKind.PLANNED_NOTICE, Channel.SMS, "ru", o)).startsWith("Плановое отключение");
    assertThat(templates.render(NotificationKind.RESTORED, Channel.SMS, "fa", o)).startsWith("Power is back");
    assertThat(templates.repeatHint("ru")).startsWith("Нажмите 1");
    assertThat(templates.repeatHint("fa")).isEqualTo("Press 1 to hear this message again.");
  }

  @Test
  void unknownEstimateIsSaidInWords() {
    Outage o = Outage.unplanned(UUID.randomUUID(), Area.ofPostcodes("0150"), "storm", NOW, null, "oms", null, false,
        NOW).outage();
    assertThat(templates.render(NotificationKind.OUTAGE_STARTED, Channel.SMS, "en", o))
        .endsWith("Expected back: not yet known.");
    assertThat(templates.render(NotificationKind.OUTAGE_STARTED, Channel.SMS, "ru", o)).endsWith("уточняется.");
  }

  @Test
  void anApplicationStageNoticeNamesTheApplicationAndTheStageInTheCustomersLanguage() {
    assertThat(templates.renderApplicationStage(Channel.SMS, "en", "A000042", "site-survey"))
        .isEqualTo("Your grid connection application A000042 has moved on: site survey.");
    assertThat(templates.renderApplicationStage(Channel.VOICE, "ru", "A000042", "energised"))
        .contains("A000042").contains("подключение выполнено").doesNotContain("{");
    assertThatThrownBy(() -> templates.renderApplicationStage(Channel.SMS, "en", "A000042", "demolished"))
        .extracting("id").isEqualTo("unknown-stage");
  }

  @Test
  void everyLanguageMustWordEveryStageTheCrmReports() {
    templates.requireStages(java.util.Set.of("application", "site-survey", "archived"));
    assertThatThrownBy(() -> templates.requireStages(java.util.Set.of("site-survey", "demolished")))
        .extracting("id").isEqualTo("incomplete-templates");
  }

  @Test
  void anOutagePlaceholderInTheApplicationTextIsRefused() {
    Map<NotificationKind, MessageTemplates.Texts> texts = new EnumMap<>(NotificationKind.class);
    for (NotificationKind kind : NotificationKind.values()) {
      texts.put(kind, new MessageTemplates.Texts("Outage until {eta}", "Outage"));
    }
    assertThatThrownBy(() -> new MessageTemplates(Map.of("en", new MessageTemplates.Language(texts, "?", "1",
        Map.of())), "en", OSLO)).extracting("id").isEqualTo("unknown-placeholder");
  }

  @Test
  void defaultLanguageMustCoverEveryKind() {
    var restoredOnly = new MessageTemplates.Language(
        Map.of(NotificationKind.RESTORED, new MessageTemplates.Texts("back", "back")), "?", "1", Map.of());
    assertThatThrownBy(() -> new MessageTemplates(Map.of("en", restoredOnly), "en", OSLO))
        .extracting("id").isEqualTo("incomplete-templates");
  }

  @Test
  void anUnknownPlaceholderIsRefused() {
    Map<NotificationKind, MessageTemplates.Texts> texts = new EnumMap<>(NotificationKind.class);
    for (NotificationKind kind : NotificationKind.values()) {
      texts.put(kind, new MessageTemplates.Texts("Outage until {eta}", "Outage in {street}"));
    }
    assertThatThrownBy(() -> new MessageTemplates(Map.of("en", new MessageTemplates.Language(texts, "?", "1", Map.of())), "en",
        OSLO)).extracting("id").isEqualTo("unknown-placeholder");
  }
}
