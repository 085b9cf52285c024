package org.gridcare.config;

import java.time.Duration;

/**
 * Data protection: the processing-records file (activities, retention per category), how often the retention job
 * runs, and the key that encrypts national IDs at rest.
 */
public record PrivacyConfig(String recordsFile, Secret encryptionKey, Duration retentionEvery) {
  public PrivacyConfig {
    recordsFile = recordsFile == null ? "config/privacy.yaml" : recordsFile;
    retentionEvery = retentionEvery == null ? Duration.ofHours(24) : retentionEvery;
  }

  public static PrivacyConfig defaults() {
    return new PrivacyConfig(null, null, null);
  }

  void validate(Problems p, java.util.Map<String, String> env) {
    if (encryptionKey != null) {
      encryptionKey.validate(p, "privacy.encryption-key", env);
    }
    p.check(retentionEvery.compareTo(Duration.ofMinutes(1)) >= 0, "privacy.retention-every", "must be at least 1m");
  }
}
