package org.gridcare.config;

/** Data protection: the processing-records file and the key that encrypts national IDs at rest. */
public record PrivacyConfig(String recordsFile, Secret encryptionKey) {
  public PrivacyConfig {
    recordsFile = recordsFile == null ? "config/privacy.yaml" : recordsFile;
  }

  public static PrivacyConfig defaults() {
    return new PrivacyConfig(null, null);
  }

  void validate(Problems p, java.util.Map<String, String> env) {
    if (encryptionKey != null) {
      encryptionKey.validate(p, "privacy.encryption-key", env);
    }
  }
}
