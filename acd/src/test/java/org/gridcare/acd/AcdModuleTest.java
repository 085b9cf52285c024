package org.gridcare.acd;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.app.FakePbx;
import org.gridcare.acd.app.QueueRequest;
import org.gridcare.config.ConfigLoader;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

@RealServers
class AcdModuleTest {

  @Test
  void startsOnTheShippedConfigurationQueuesAndCloses(Vertx vertx, StorageSettings settings) throws Exception {
    Storage storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    try {
      storage.redis().sync().flushall();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      AcdModule module = AcdModule.start(vertx, ConfigLoader.load(Path.of("../config/contact-centre.yaml"), Map.of()),
          storage, new FakePbx(vertx), registry,
          Clock.fixed(Instant.parse("2026-01-15T10:00:00Z"), ZoneOffset.UTC)) // a Thursday: line 2 is open
          .await(10, TimeUnit.SECONDS);

      assertThat(getClass().getClassLoader().getResource(module.openApiFragment())).isNotNull();
      assertThat(module.routes()).isNotNull();
      assertThat(module.waitScript()).isNotNull();
      assertThat(registry.find("acd.queue.waiting").gauges()).hasSize(3);

      module.acd().enqueue(QueueRequest.of("m1", "m1-chan", "metering")).await(10, TimeUnit.SECONDS);
      assertThat(module.acd().waiting().await(10, TimeUnit.SECONDS)).hasSize(1);
      module.close().await(10, TimeUnit.SECONDS);
    } finally {
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }
}
