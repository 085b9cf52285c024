package org.gridcare.storage;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.journal.Journal;
import org.gridcare.storage.audit.PgAudit;
import org.gridcare.storage.journal.PgJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL (Vert.x reactive pool, schema by Flyway) and Redis (one shared Lettuce connection), started as embedded
 * servers when the settings name none. Everything blocking (server start, migrations, Redis connect) runs on a
 * worker thread.
 */
public final class Storage {
  private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final Pool pool;
  private final RedisClient redisClient;
  private final StatefulRedisConnection<String, String> redis;
  private final EmbeddedPostgres embeddedPostgres;
  private final EmbeddedRedis embeddedRedis;
  private final Journal journal;
  private final Audit audit;
  private final String schemaVersion;

  private Storage(Vertx vertx, Pool pool, RedisClient redisClient, StatefulRedisConnection<String, String> redis,
      EmbeddedPostgres embeddedPostgres, EmbeddedRedis embeddedRedis, String schemaVersion) {
    this.schemaVersion = schemaVersion;
    this.vertx = vertx;
    this.pool = pool;
    this.redisClient = redisClient;
    this.redis = redis;
    this.embeddedPostgres = embeddedPostgres;
    this.embeddedRedis = embeddedRedis;
    this.journal = new PgJournal(pool);
    this.audit = new PgAudit(pool);
  }

  public static Future<Storage> start(Vertx vertx, StorageSettings settings) {
    return vertx.executeBlocking(() -> open(vertx, settings), false);
  }

  private static Storage open(Vertx vertx, StorageSettings s) {
    EmbeddedPostgres pg = null;
    EmbeddedRedis rd = null;
    RedisClient client = null;
    try {
      String pgUrl = s.postgresUrl();
      String user = s.postgresUser();
      if (pgUrl == null) {
        pg = EmbeddedPostgres.start(s.dataDir() == null ? null : s.dataDir().resolve("postgres"));
        pgUrl = pg.url("postgres");
        user = "postgres";
        LOG.info("embedded PostgreSQL on 127.0.0.1:{}", pg.port());
      }
      String redisUrl = s.redisUrl();
      if (redisUrl == null) {
        rd = EmbeddedRedis.start(s.dataDir() == null ? null : s.dataDir().resolve("redis"));
        redisUrl = rd.url();
        LOG.info("embedded Redis on {}", redisUrl);
      }
      var result = Migrations.migrate(pgUrl, user, s.postgresPassword());
      LOG.info("database schema at version {} ({} migrations applied now)", result.version(), result.applied());
      PgConnectOptions connect = PgConnectOptions.fromUri(pgUrl);
      if (user != null) {
        connect.setUser(user);
      }
      if (s.postgresPassword() != null) {
        connect.setPassword(s.postgresPassword());
      }
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(16)).connectingTo(connect).using(vertx).build();
      client = RedisClient.create(RedisURI.create(redisUrl));
      StatefulRedisConnection<String, String> connection = client.connect();
      return new Storage(vertx, pool, client, connection, pg, rd, result.version());
    } catch (RuntimeException e) {
      if (client != null) {
        client.shutdown();
      }
      if (rd != null) {
        rd.close();
      }
      if (pg != null) {
        pg.close();
      }
      throw e;
    }
  }

  public Pool pool() {
    return pool;
  }

  public StatefulRedisConnection<String, String> redis() {
    return redis;
  }

  /** For extra connections (pub/sub); closed with the storage. */
  public RedisClient redisClient() {
    return redisClient;
  }

  /** The schema version after migrations, e.g. {@code 501}. */
  public String schemaVersion() {
    return schemaVersion;
  }

  public Journal journal() {
    return journal;
  }

  /** The hash-chained access audit. */
  public Audit audit() {
    return audit;
  }

  /** PostgreSQL and Redis each answer a trivial query within two seconds, or say why not. */
  public Future<Map<String, ComponentHealth>> health() {
    Future<ComponentHealth> pg = pool.query("SELECT 1").execute()
        .map(rows -> ComponentHealth.ok("answers"))
        .timeout(HEALTH_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .otherwise(e -> ComponentHealth.down(String.valueOf(e.getMessage())));
    Future<ComponentHealth> rd = Future.fromCompletionStage(redis.async().ping(), vertx.getOrCreateContext())
        .map(pong -> ComponentHealth.ok("answers"))
        .timeout(HEALTH_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .otherwise(e -> ComponentHealth.down(String.valueOf(e.getMessage())));
    return Future.all(pg, rd).map(all -> {
      Map<String, ComponentHealth> parts = new LinkedHashMap<>();
      parts.put("postgres", pg.result());
      parts.put("redis", rd.result());
      return parts;
    });
  }

  /** Closes the pool and the Redis client, then stops embedded servers. */
  public Future<Void> close() {
    return pool.close()
        .eventually(() -> vertx.executeBlocking(() -> {
          redis.close();
          redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
          if (embeddedRedis != null) {
            embeddedRedis.close();
          }
          if (embeddedPostgres != null) {
            embeddedPostgres.close();
          }
          return null;
        }, false))
        .mapEmpty();
  }
}
