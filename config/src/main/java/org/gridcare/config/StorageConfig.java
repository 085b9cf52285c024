package org.gridcare.config;

/**
 * Where PostgreSQL and Redis are. Without URLs the server starts its own embedded servers with data under
 * {@code data-dir} (the demo); production names real servers and a password secret.
 */
public record StorageConfig(
    String postgresUrl, String postgresUser, Secret postgresPassword, String redisUrl, String dataDir) {
  public StorageConfig {
    dataDir = dataDir == null ? "data" : dataDir;
  }

  public static StorageConfig defaults() {
    return new StorageConfig(null, null, null, null, null);
  }

  public boolean embeddedPostgres() {
    return postgresUrl == null;
  }

  public boolean embeddedRedis() {
    return redisUrl == null;
  }

  void validate(Problems p, java.util.Map<String, String> env) {
    if (postgresUrl != null) {
      p.check(postgresUrl.startsWith("postgresql://"), "storage.postgres-url",
          "must look like postgresql://host:port/database, got " + postgresUrl);
      if (postgresPassword != null) {
        postgresPassword.validate(p, "storage.postgres-password", env);
      }
    }
    if (redisUrl != null) {
      p.check(redisUrl.startsWith("redis://") || redisUrl.startsWith("rediss://"), "storage.redis-url",
          "must look like redis://host:port, got " + redisUrl);
    }
  }
}
