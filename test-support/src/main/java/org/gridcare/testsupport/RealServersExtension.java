package org.gridcare.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import io.lettuce.core.RedisClient;
import org.gridcare.storage.EmbeddedPostgres;
import org.gridcare.storage.EmbeddedRedis;
import org.gridcare.storage.StorageSettings;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts the servers on first use, stops them when the test JVM's root context closes. */
final class RealServersExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RealServersExtension.class);
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StorageSettings.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    return classContext.getStore(NS).getOrComputeIfAbsent("settings", k -> freshSettings(context), StorageSettings.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static StorageSettings freshSettings(ExtensionContext context) {
    Servers servers = context.getRoot().getStore(NS).getOrComputeIfAbsent("servers", k -> Servers.start(), Servers.class);
    String database = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection("jdbc:" + servers.postgres.url("postgres"), "postgres", null);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database: " + e.getMessage(), e);
    }
    RedisClient client = RedisClient.create(servers.redis.url());
    try (var connection = client.connect()) {
      connection.sync().flushall();
    } finally {
      client.shutdown();
    }
    return StorageSettings.external(servers.postgres.url(database), "postgres", null, servers.redis.url());
  }

  /** The two servers of this test JVM. */
  static final class Servers implements AutoCloseable {
    final EmbeddedPostgres postgres;
    final EmbeddedRedis redis;

    private Servers(EmbeddedPostgres postgres, EmbeddedRedis redis) {
      this.postgres = postgres;
      this.redis = redis;
    }

    static Servers start() {
      EmbeddedPostgres pg = EmbeddedPostgres.start(null);
      try {
        return new Servers(pg, EmbeddedRedis.start(null));
      } catch (RuntimeException e) {
        pg.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        redis.close();
      } finally {
        postgres.close();
      }
    }
  }
}
