package org.gridcare.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (zonky's binaries from Maven Central) bound to 127.0.0.1. With a data directory the cluster
 * is kept between runs; without one it lives in a temporary directory removed on close.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.server = server;
  }

  /** Blocking: initdb on first use, then pg_ctl start (1–3 s). */
  public static EmbeddedPostgres start(Path dataDir) {
    try {
      var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setRegisterShutdownHook(true);
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
      }
      return new EmbeddedPostgres(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  /** A {@code postgresql://} URL for the given database (user postgres, trust authentication on loopback). */
  public String url(String database) {
    return "postgresql://127.0.0.1:" + port() + "/" + database;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
