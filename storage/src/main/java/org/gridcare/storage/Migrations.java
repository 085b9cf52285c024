package org.gridcare.storage;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies every module's Flyway migrations found under {@code classpath:db/migration} (each module in its own
 * sub-folder and version range, see docs/ARCHITECTURE.md). Blocking: call from a worker thread.
 */
public final class Migrations {
  private Migrations() {}

  public static MigrateResult migrate(String postgresUrl, String user, String password) {
    return Flyway.configure()
        .dataSource("jdbc:" + postgresUrl, user, password)
        .locations("classpath:db/migration")
        .outOfOrder(true)
        .load()
        .migrate();
  }
}
