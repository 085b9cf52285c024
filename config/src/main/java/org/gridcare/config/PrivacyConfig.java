package org.gridcare.config;

import java.time.Duration;

/**
 * Data protection: the processing-records file (activities, retention per category) and how often the retention job
 * runs. (The key that seals national IDs belongs to the CRM: `CC_CRM_IDENTITY_KEY` or its key file.)
 */
public record PrivacyConfig(String recordsFile, Duration retentionEvery) {
  public PrivacyConfig {
    recordsFile = recordsFile == null ? "config/privacy.yaml" : recordsFile;
    retentionEvery = retentionEvery == null ? Duration.ofHours(24) : retentionEvery;
  }

  public static PrivacyConfig defaults() {
    return new PrivacyConfig(null, null);
  }

  void validate(Problems p, java.util.Map<String, String> env) {
    p.check(retentionEvery.compareTo(Duration.ofMinutes(1)) >= 0, "privacy.retention-every", "must be at least 1m");
  }
}
