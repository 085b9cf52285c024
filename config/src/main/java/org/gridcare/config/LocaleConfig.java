package org.gridcare.config;

import java.time.ZoneId;
import java.util.List;

/** Region for phone numbers without a country code, the languages callers can choose, the centre's time zone. */
public record LocaleConfig(String phoneRegion, List<String> languages, String timeZone) {
  public LocaleConfig {
    phoneRegion = phoneRegion == null ? "NO" : phoneRegion;
    languages = languages == null ? List.of("en") : List.copyOf(languages);
    timeZone = timeZone == null ? "Europe/Oslo" : timeZone;
  }

  public static LocaleConfig defaults() {
    return new LocaleConfig(null, null, null);
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  public String defaultLanguage() {
    return languages.get(0);
  }

  void validate(Problems p) {
    p.check(!languages.isEmpty(), "locale.languages", "must list at least one language");
    try {
      ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      p.add("locale.time-zone", "unknown time zone " + timeZone);
    }
    p.check(phoneRegion.matches("[A-Z]{2}"), "locale.phone-region", "must be an ISO 3166 region such as NO, got " + phoneRegion);
  }
}
