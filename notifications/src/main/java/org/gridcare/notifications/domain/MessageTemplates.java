package org.gridcare.notifications.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.gridcare.platform.domain.DomainException;

/**
 * The text of each notification kind per language, with placeholders {@code {cause}}, {@code {start}}, {@code {end}}
 * and {@code {eta}} (times in the centre's time zone). A language without a template falls back to the default
 * language; {@code {eta}} without an estimate reads as the language's "unknown" word.
 */
public final class MessageTemplates {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm");

  private final Map<String, Map<NotificationKind, String>> byLanguage;
  private final Map<String, String> unknown;
  private final String defaultLanguage;
  private final ZoneId zone;

  public MessageTemplates(Map<String, Map<NotificationKind, String>> byLanguage, Map<String, String> unknown,
      String defaultLanguage, ZoneId zone) {
    this.byLanguage = Map.copyOf(byLanguage);
    this.unknown = Map.copyOf(unknown);
    this.defaultLanguage = Objects.requireNonNull(defaultLanguage);
    this.zone = Objects.requireNonNull(zone);
    Map<NotificationKind, String> fallback = this.byLanguage.get(defaultLanguage);
    if (fallback == null || !fallback.keySet().containsAll(java.util.EnumSet.allOf(NotificationKind.class))) {
      throw DomainException.invalid("incomplete-templates",
          "The default language " + defaultLanguage + " needs a template for every notification kind");
    }
  }

  /** English and Russian texts, short enough for one or two SMS segments. */
  public static MessageTemplates defaults(String defaultLanguage, ZoneId zone) {
    Map<NotificationKind, String> en = new EnumMap<>(NotificationKind.class);
    en.put(NotificationKind.PLANNED_NOTICE, "Planned power outage {start} - {end} in your area ({cause}). Reply STOP to opt out.");
    en.put(NotificationKind.PLANNED_START, "The planned power outage in your area has started. Expected back by {end}.");
    en.put(NotificationKind.OUTAGE_STARTED, "Power outage in your area ({cause}). We are working on it. Expected back: {eta}.");
    en.put(NotificationKind.ESTIMATE_CHANGED, "Update on the power outage in your area: now expected back {eta}.");
    en.put(NotificationKind.RESTORED, "Power is back in your area. Thank you for your patience.");
    en.put(NotificationKind.CANCELLED, "The planned power outage on {start} in your area is cancelled.");
    Map<NotificationKind, String> ru = new EnumMap<>(NotificationKind.class);
    ru.put(NotificationKind.PLANNED_NOTICE, "Плановое отключение электроэнергии {start} - {end} ({cause}). Ответьте STOP, чтобы отписаться.");
    ru.put(NotificationKind.PLANNED_START, "Плановое отключение началось. Подача возобновится до {end}.");
    ru.put(NotificationKind.OUTAGE_STARTED, "Отключение электроэнергии в вашем районе ({cause}). Ориентировочно восстановим: {eta}.");
    ru.put(NotificationKind.ESTIMATE_CHANGED, "Отключение электроэнергии: новое время восстановления {eta}.");
    ru.put(NotificationKind.RESTORED, "Электроснабжение в вашем районе восстановлено. Спасибо за терпение.");
    ru.put(NotificationKind.CANCELLED, "Плановое отключение {start} в вашем районе отменено.");
    return new MessageTemplates(Map.of("en", en, "ru", ru), Map.of("en", "not yet known", "ru", "уточняется"),
        defaultLanguage, zone);
  }

  public String render(NotificationKind kind, String language, Outage outage) {
    Map<NotificationKind, String> texts = byLanguage.getOrDefault(language, Map.of());
    String lang = texts.containsKey(kind) ? language : defaultLanguage;
    String template = byLanguage.get(lang).get(kind);
    return template
        .replace("{cause}", outage.cause())
        .replace("{start}", time(outage.start(), lang))
        .replace("{end}", time(outage.end() != null ? outage.end() : outage.estimatedRestoration(), lang))
        .replace("{eta}", time(outage.estimatedRestoration(), lang));
  }

  private String time(Instant at, String language) {
    return at == null ? unknown.getOrDefault(language, unknown.getOrDefault(defaultLanguage, "?")) : TIME.format(at.atZone(zone));
  }
}
