package org.gridcare.desktop.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** The desktop's kept call-control state on a real Redis: by kind, with a time to live, gone when removed. */
@RealServers
class RedisDeskStatesTest {

  @Test
  void entriesAreKeptByKindWithATimeToLiveUntilRemoved(Vertx vertx, StorageSettings settings) throws Exception {
    Storage storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    try {
      RedisDeskStates states = new RedisDeskStates(vertx, storage.redis());
      states.put("consult", "op1001", new JsonObject().put("targetChannel", "x-1")).await(10, TimeUnit.SECONDS);
      states.put("consult", "op1002", new JsonObject().put("targetChannel", "x-2")).await(10, TimeUnit.SECONDS);
      states.put("partner", "c-1", new JsonObject().put("partner", "x-1")).await(10, TimeUnit.SECONDS);

      Map<String, JsonObject> consults = states.all("consult").await(10, TimeUnit.SECONDS);
      assertThat(consults).containsOnlyKeys("op1001", "op1002");
      assertThat(consults.get("op1002").getString("targetChannel")).isEqualTo("x-2");
      long ttl = storage.redis().sync().ttl("desktop:state:consult:op1001");
      assertThat(ttl).isBetween(RedisDeskStates.TTL.toSeconds() - 60, RedisDeskStates.TTL.toSeconds());

      states.remove("consult", "op1001").await(10, TimeUnit.SECONDS);
      assertThat(states.all("consult").await(10, TimeUnit.SECONDS)).containsOnlyKeys("op1002");
      assertThat(states.all("second").await(10, TimeUnit.SECONDS)).isEmpty();
    } finally {
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }
}
