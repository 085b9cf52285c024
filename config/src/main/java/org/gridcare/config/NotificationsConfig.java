package org.gridcare.config;

import java.time.Duration;

/**
 * Outage informing: Twilio for SMS ({@code base-url} points the SDK at a local mock in tests and the demo), and the
 * voice dialler's pacing, which always leaves {@code reserved-for-inbound} channels free.
 */
public record NotificationsConfig(Twilio twilio, Voice voice, Duration planNoticeAhead) {
  public NotificationsConfig {
    twilio = twilio == null ? new Twilio(null, null, null, null, null, null) : twilio;
    voice = voice == null ? new Voice(null, null, null, null) : voice;
    planNoticeAhead = planNoticeAhead == null ? Duration.ofHours(24) : planNoticeAhead;
  }

  public static NotificationsConfig defaults() {
    return new NotificationsConfig(null, null, null);
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

  public record Voice(Integer maxChannels, Integer reservedForInbound, Integer maxAttempts, Duration retryAfter) {
    public Voice {
      maxChannels = maxChannels == null ? 30 : maxChannels;
      reservedForInbound = reservedForInbound == null ? 20 : reservedForInbound;
      maxAttempts = maxAttempts == null ? 3 : maxAttempts;
      retryAfter = retryAfter == null ? Duration.ofMinutes(10) : retryAfter;
    }
  }

  void validate(Problems p, java.util.Map<String, String> env) {
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
  }
}
