package org.gridcare.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outage informing: Twilio for SMS ({@code base-url} points the SDK at a local mock in tests and the demo), the voice
 * dialler's pacing, which always leaves {@code reserved-for-inbound} channels free, whether urgent outages also call
 * mobiles ({@code voice.urgent}), and the message texts per language ({@code templates}).
 */
public record NotificationsConfig(Twilio twilio, Voice voice, Duration planNoticeAhead,
    Map<String, LanguageTemplates> templates) {
  /** The placeholders an outage template may use (filled in by the notifications module). */
  public static final Set<String> PLACEHOLDERS = Set.of("cause", "start", "end", "eta");
  /** The placeholders of {@code application-stage}: the application's number and its new stage in words. */
  public static final Set<String> APPLICATION_PLACEHOLDERS = Set.of("application", "stage");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  public NotificationsConfig {
    twilio = twilio == null ? new Twilio(null, null, null, null, null, null) : twilio;
    voice = voice == null ? new Voice(null, null, null, null, null, null) : voice;
    planNoticeAhead = planNoticeAhead == null ? Duration.ofHours(24) : planNoticeAhead;
    templates = templates == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(templates));
  }

  public static NotificationsConfig defaults() {
    return new NotificationsConfig(null, null, null, null);
  }

  public record Twilio(String accountSid, Secret authToken, String messagingServiceSid, String from,
      Double ratePerSecond, String baseUrl) {
    public Twilio {
      ratePerSecond = ratePerSecond == null ? 10.0 : ratePerSecond;
    }

    public boolean configured() {
      return accountSid != null;
    }
  }

  /**
   * @param ringTimeout how long a notification call rings before it counts as not answered
   * @param urgent      the start notice of an urgent outage (hazard) also calls numbers that get an SMS
   */
  public record Voice(Integer maxChannels, Integer reservedForInbound, Integer maxAttempts, Duration retryAfter,
      Duration ringTimeout, Boolean urgent) {
    public Voice {
      maxChannels = maxChannels == null ? 30 : maxChannels;
      reservedForInbound = reservedForInbound == null ? 20 : reservedForInbound;
      maxAttempts = maxAttempts == null ? 3 : maxAttempts;
      retryAfter = retryAfter == null ? Duration.ofMinutes(10) : retryAfter;
      ringTimeout = ringTimeout == null ? Duration.ofSeconds(30) : ringTimeout;
      urgent = urgent != null && urgent;
    }
  }

  /**
   * One language's texts: per notification kind an SMS and a voice text, plus the words the texts need; {@code stages}
   * words the CRM's grid-connection application stages by id ({@code site-survey: "site survey"}).
   */
  public record LanguageTemplates(String unknownTime, String repeatHint, Text plannedNotice, Text plannedStart,
      Text outageStarted, Text estimateChanged, Text restored, Text cancelled, Text applicationStage,
      Map<String, String> stages) {
    public LanguageTemplates {
      stages = stages == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** The texts by the notification kind's key ({@code planned-notice}, ...), in a fixed order. */
    public Map<String, Text> byKind() {
      Map<String, Text> out = new LinkedHashMap<>();
      out.put("planned-notice", plannedNotice);
      out.put("planned-start", plannedStart);
      out.put("outage-started", outageStarted);
      out.put("estimate-changed", estimateChanged);
      out.put("restored", restored);
      out.put("cancelled", cancelled);
      out.put("application-stage", applicationStage);
      return out;
    }
  }

  public record Text(String sms, String voice) {}

  void validate(Problems p, Map<String, String> env, List<String> languages) {
    if (twilio.configured()) {
      p.check(twilio.accountSid().matches("AC[0-9a-fA-F]{32}"), "notifications.twilio.account-sid",
          "must be AC followed by 32 hex digits");
      if (twilio.authToken() == null) {
        p.add("notifications.twilio.auth-token", "missing required value (env: or file:)");
      } else {
        twilio.authToken().validate(p, "notifications.twilio.auth-token", env);
      }
      p.check(twilio.messagingServiceSid() != null || twilio.from() != null, "notifications.twilio",
          "needs messaging-service-sid or from");
    }
    p.check(twilio.ratePerSecond() > 0, "notifications.twilio.rate-per-second", "must be positive");
    p.check(voice.maxChannels() > 0, "notifications.voice.max-channels", "must be positive");
    p.check(voice.reservedForInbound() >= 0 && voice.reservedForInbound() < voice.maxChannels(),
        "notifications.voice.reserved-for-inbound", "must be at least 0 and below max-channels (" + voice.maxChannels()
            + ")");
    p.check(voice.maxAttempts() > 0, "notifications.voice.max-attempts", "must be positive");
    p.check(!voice.ringTimeout().isNegative() && !voice.ringTimeout().isZero(), "notifications.voice.ring-timeout",
        "must be positive");
    validateTemplates(p, languages);
  }

  private void validateTemplates(Problems p, List<String> languages) {
    if (templates.isEmpty()) {
      return; // the notifications module refuses to start without them; other sections' tests need none
    }
    for (String language : languages) {
      p.check(templates.containsKey(language), "notifications.templates",
          "missing language " + language + " (listed in locale.languages)");
    }
    templates.forEach((language, t) -> {
      String key = "notifications.templates." + language;
      if (t == null) {
        p.add(key, "missing required value");
        return;
      }
      p.required(key + ".unknown-time", t.unknownTime());
      p.required(key + ".repeat-hint", t.repeatHint());
      checkPlaceholders(p, key + ".repeat-hint", t.repeatHint());
      t.byKind().forEach((kind, text) -> {
        if (text == null) {
          p.add(key + "." + kind, "missing required value (sms and voice)");
          return;
        }
        p.required(key + "." + kind + ".sms", text.sms());
        p.required(key + "." + kind + ".voice", text.voice());
        Set<String> known = kind.equals("application-stage") ? APPLICATION_PLACEHOLDERS : PLACEHOLDERS;
        checkPlaceholders(p, key + "." + kind + ".sms", text.sms(), known);
        checkPlaceholders(p, key + "." + kind + ".voice", text.voice(), known);
      });
      t.stages().forEach((stage, words) -> p.check(words != null && !words.isBlank(), key + ".stages." + stage,
          "missing required value"));
    });
  }

  private static void checkPlaceholders(Problems p, String key, String text) {
    checkPlaceholders(p, key, text, PLACEHOLDERS);
  }

  private static void checkPlaceholders(Problems p, String key, String text, Set<String> known) {
    if (text == null) {
      return;
    }
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!known.contains(m.group(1))) {
        p.add(key, "unknown placeholder {" + m.group(1) + "} (known: "
            + (known == PLACEHOLDERS ? "{cause}, {start}, {end}, {eta}" : "{application}, {stage}") + ")");
      }
    }
  }
}
