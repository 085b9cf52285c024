package org.gridcare.config;

/** The CRM: the built-in PostgreSQL one, optionally mirrored to the utility's own CRM through a signed webhook. */
public record CrmConfig(Webhook webhook, String sampleData, java.time.Duration reminderRound) {
  public CrmConfig {
    sampleData = sampleData == null ? "config/sample-data" : sampleData;
    reminderRound = reminderRound == null ? java.time.Duration.ofMinutes(1) : reminderRound;
  }

  public static CrmConfig defaults() {
    return new CrmConfig(null, null, null);
  }

  public record Webhook(String url, Secret hmacSecret) {}

  void validate(Problems p, java.util.Map<String, String> env) {
    if (reminderRound.isNegative() || reminderRound.isZero() || reminderRound.compareTo(java.time.Duration.ofHours(1)) > 0) {
      p.add("crm.reminder-round", "must be between 1 ms and 1 h, was " + reminderRound);
    }
    if (webhook != null) {
      p.required("crm.webhook.url", webhook.url());
      if (webhook.hmacSecret() == null) {
        p.add("crm.webhook.hmac-secret", "missing required value (env: or file:)");
      } else {
        webhook.hmacSecret().validate(p, "crm.webhook.hmac-secret", env);
      }
    }
  }
}
