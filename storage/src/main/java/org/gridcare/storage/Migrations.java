package org.gridcare.storage;

import org.flywaydb.core.Flyway;

/**
 * Applies every module's Flyway migrations found under {@code classpath:db/migration} (each module in its own
 * sub-folder and version range, see docs/ARCHITECTURE.md). Blocking: call from a worker thread.
 */
public final class Migrations {
  private Migrations() {}

  /** What a run did: how many migrations it applied and the schema version now. */
  public record Outcome(int applied, String version) {}

  public static Outcome migrate(String postgresUrl, String user, String password) {
    Flyway flyway = Flyway.configure()
        .dataSource("jdbc:" + postgresUrl, user, password)
        .locations("classpath:db/migration")
        .outOfOrder(true)
        .load();
    int applied = flyway.migrate().migrationsExecuted;
    var current = flyway.info().current();
    return new Outcome(applied, current == null ? "empty" : current.getVersion().getVersion());
  }
}
