package org.gridcare.storage;

import java.nio.file.Path;
import java.util.Map;
import org.gridcare.config.StorageConfig;

/**
 * Where the data lives. A null {@code postgresUrl} / {@code redisUrl} means "start an embedded server" whose data is
 * kept under {@code dataDir} (the demo), so a restart finds everything again.
 */
public record StorageSettings(String postgresUrl, String postgresUser, String postgresPassword, String redisUrl, Path dataDir) {

  public static StorageSettings from(StorageConfig config) {
    return from(config, System.getenv());
  }

  public static StorageSettings from(StorageConfig config, Map<String, String> env) {
    String password = config.postgresPassword() == null ? null : config.postgresPassword().resolve(env);
    return new StorageSettings(config.postgresUrl(), config.postgresUser(), password, config.redisUrl(),
        Path.of(config.dataDir()));
  }

  public static StorageSettings external(String postgresUrl, String user, String password, String redisUrl) {
    return new StorageSettings(postgresUrl, user, password, redisUrl, null);
  }

  @Override
  public String toString() {
    return "StorageSettings[postgres=" + (postgresUrl == null ? "embedded" : postgresUrl) + ", redis="
        + (redisUrl == null ? "embedded" : redisUrl) + ", dataDir=" + dataDir + "]";
  }
}
