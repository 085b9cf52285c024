package org.gridcare.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RealServers
class StorageTest {

  @Test
  void migratesConnectsAndJournals(Vertx vertx, StorageSettings settings) throws Exception {
    Storage storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    try {
      storage.journal().append(JournalEntry.of("test.thing.happened").call("c-1").line(2).phone("+4791234567")
          .data(Map.of("node", "menu"))).await(10, TimeUnit.SECONDS);
      Row row = storage.pool().query("SELECT type, call_id, line, phone, data FROM journal").execute()
          .await(10, TimeUnit.SECONDS).iterator().next();
      assertThat(row.getString("type")).isEqualTo("test.thing.happened");
      assertThat(row.getInteger("line")).isEqualTo(2);
      assertThat(row.getJsonObject("data").getString("node")).isEqualTo("menu");

      var redis = storage.redis().sync();
      redis.set("test:key", "v");
      assertThat(redis.get("test:key")).isEqualTo("v");

      var health = storage.health().await(10, TimeUnit.SECONDS);
      assertThat(health).containsOnlyKeys("postgres", "redis");
      assertThat(health.values()).allMatch(h -> h.up());
    } finally {
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void healthNamesTheServerThatIsDown(Vertx vertx, StorageSettings settings) throws Exception {
    Storage storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    try {
      storage.pool().close().await(10, TimeUnit.SECONDS);
      var health = storage.health().await(10, TimeUnit.SECONDS);
      assertThat(health.get("postgres").up()).isFalse();
      assertThat(health.get("postgres").detail()).isNotBlank();
      assertThat(health.get("redis").up()).isTrue();
    } finally {
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void embeddedServersKeepDataAcrossRestarts(Vertx vertx, @TempDir Path dataDir) throws Exception {
    StorageSettings embedded = new StorageSettings(null, null, null, null, dataDir);
    Storage first = Storage.start(vertx, embedded).await(120, TimeUnit.SECONDS);
    first.journal().append(JournalEntry.of("test.kept")).await(10, TimeUnit.SECONDS);
    first.redis().sync().set("test:kept", "yes");
    first.close().await(60, TimeUnit.SECONDS);

    Storage second = Storage.start(vertx, embedded).await(120, TimeUnit.SECONDS);
    try {
      long kept = second.pool().query("SELECT count(*) FROM journal WHERE type = 'test.kept'").execute()
          .await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
      assertThat(kept).isEqualTo(1);
      assertThat(second.redis().sync().get("test:kept")).isEqualTo("yes");
    } finally {
      second.close().await(60, TimeUnit.SECONDS);
    }
  }
}
