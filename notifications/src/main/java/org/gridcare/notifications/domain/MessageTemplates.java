package org.gridcare.notifications.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridcare.platform.domain.DomainException;

/**
 * What customers are told (from configuration, {@code notifications.templates}): per language and notification
 * kind an SMS and a voice text with placeholders {@code {cause}}, {@code {start}}, {@code {end}} and {@code {eta}}
 * (times in the centre's time zone). A language without texts falls back to the default language; {@code {eta}}
 * without an estimate reads as the language's "unknown" words. The application-stage notice names
 * {@code {application}} (its number) and {@code {stage}} (the stage in the language's words).
 */
public final class MessageTemplates {
  public static final Set<String> PLACEHOLDERS = Set.of("cause", "start", "end", "eta");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd.MM HH:mm");

  /** The SMS and the voice text of one notification kind. */
  public record Texts(String sms, String voice) {
    public String of(Channel channel) {
      return channel == Channel.SMS ? sms : voice;
    }
  }

  /**
   * One language: the texts of every kind, the words for an unknown time, the hint after a voice message, and the
   * words for each grid-connection application stage (by the CRM's stage id).
   */
  public record Language(Map<NotificationKind, Texts> texts, String unknownTime, String repeatHint,
      Map<String, String> stages) {
    public Language {
      texts = Map.copyOf(texts);
      stages = Map.copyOf(stages);
      Objects.requireNonNull(unknownTime, "unknownTime");
      Objects.requireNonNull(repeatHint, "repeatHint");
    }
  }

  private final Map<String, Language> byLanguage;
  private final String defaultLanguage;
  private final ZoneId zone;

  public MessageTemplates(Map<String, Language> byLanguage, String defaultLanguage, ZoneId zone) {
    this.byLanguage = Map.copyOf(byLanguage);
    this.defaultLanguage = Objects.requireNonNull(defaultLanguage);
    this.zone = Objects.requireNonNull(zone);
    Language fallback = this.byLanguage.get(defaultLanguage);
    if (fallback == null || !fallback.texts().keySet().containsAll(EnumSet.allOf(NotificationKind.class))) {
      throw DomainException.invalid("incomplete-templates",
          "The default language " + defaultLanguage + " needs a text for every notification kind");
    }
    this.byLanguage.forEach((language, l) -> l.texts().forEach((kind, t) -> {
      check(language, kind, t.sms());
      check(language, kind, t.voice());
    }));
  }

  /** The configuration key of a kind: {@code OUTAGE_STARTED} → {@code outage-started}. */
  public static String key(NotificationKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void check(String language, NotificationKind kind, String text) {
    if (text == null || text.isBlank()) {
      throw DomainException.invalid("incomplete-templates", "No " + key(kind) + " text for " + language);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!kind.placeholders().contains(m.group(1))) {
        throw DomainException.invalid("unknown-placeholder",
            "The " + key(kind) + " text for " + language + " uses {" + m.group(1) + "}");
      }
    }
  }

  public String render(NotificationKind kind, Channel channel, String language, Outage outage) {
    String lang = textsFor(kind, language);
    String template = byLanguage.get(lang).texts().get(kind).of(channel);
    return template
        .replace("{cause}", outage.cause())
        .replace("{start}", time(outage.start(), lang))
        .replace("{end}", time(outage.end() != null ? outage.end() : outage.estimatedRestoration(), lang))
        .replace("{eta}", time(outage.estimatedRestoration(), lang));
  }

  /** The notice that application {@code number} moved to {@code stage} (a stage id every language words). */
  public String renderApplicationStage(Channel channel, String language, String number, String stage) {
    String lang = textsFor(NotificationKind.APPLICATION_STAGE, language);
    Language l = byLanguage.get(lang);
    String words = l.stages().get(stage);
    if (words == null) {
      throw DomainException.invalid("unknown-stage", "No words for application stage " + stage + " in " + lang);
    }
    return l.texts().get(NotificationKind.APPLICATION_STAGE).of(channel)
        .replace("{application}", number)
        .replace("{stage}", words);
  }

  /** Fails {@code incomplete-templates} unless every language words every one of {@code stages}. */
  public void requireStages(Set<String> stages) {
    byLanguage.forEach((language, l) -> stages.forEach(stage -> {
      if (!l.stages().containsKey(stage)) {
        throw DomainException.invalid("incomplete-templates",
            "notifications.templates." + language + ".stages has no words for application stage " + stage);
      }
    }));
  }

  /** Said after the voice message to a person ("press 1 to hear it again"). */
  public String repeatHint(String language) {
    return byLanguage.getOrDefault(language, byLanguage.get(defaultLanguage)).repeatHint();
  }

  private String textsFor(NotificationKind kind, String language) {
    Language l = byLanguage.get(language);
    return l != null && l.texts().containsKey(kind) ? language : defaultLanguage;
  }

  private String time(Instant at, String language) {
    return at == null ? byLanguage.get(language).unknownTime() : TIME.format(at.atZone(zone));
  }
}
