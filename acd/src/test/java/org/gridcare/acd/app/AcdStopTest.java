package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridcare.acd.pg.PgCallbacks;
import org.gridcare.acd.pg.PgOperatorHistory;
import org.gridcare.acd.redis.RedisAcdState;
import org.gridcare.config.ConfigLoader;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stopped ACD leaves the shared state alone: the server closes Redis right after it. */
@RealServers
class AcdStopTest {

  @Test
  void aWrapUpPendingAtStopNeverTouchesTheStateAfterwards(Vertx vertx, StorageSettings settings, @TempDir Path dir)
      throws Exception {
    Path yaml = dir.resolve("contact-centre.yaml");
    Files.writeString(yaml, Files.readString(Path.of("../config/contact-centre.yaml"))
        .replace("wrap-up: 30s", "wrap-up: 300ms"));
    AcdSettings acdSettings = AcdSettings.from(ConfigLoader.load(yaml, Map.of()));
    Storage storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    try {
      storage.redis().sync().flushall();
      RedisAcdState real = new RedisAcdState(vertx, storage.redis());
      AtomicBoolean stopped = new AtomicBoolean();
      List<String> usedAfterStop = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> handleTimeRecorded = new CompletableFuture<>();
      AcdState state = (AcdState) Proxy.newProxyInstance(AcdState.class.getClassLoader(),
          new Class<?>[] {AcdState.class}, (proxy, method, args) -> {
            if (stopped.get()) {
              usedAfterStop.add(method.getName());
            }
            try {
              Object out = method.invoke(real, args);
              if (method.getName().equals("recordHandleTime")) {
                ((Future<?>) out).onSuccess(v -> handleTimeRecorded.complete(null));
              }
              return out;
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      FakePbx pbx = new FakePbx(vertx);
      RecordingJournal journal = new RecordingJournal(storage.journal());
      Acd acd = new Acd(vertx, acdSettings, state, pbx, journal, new PgOperatorHistory(storage.pool()),
          new PgCallbacks(storage.pool()), new AcdMetrics(new SimpleMeterRegistry(), acdSettings.serviceLevels()),
          Clock.systemUTC());
      acd.start();
      acd.login("op1001", null).await(10, TimeUnit.SECONDS);
      acd.ready("op1001").await(10, TimeUnit.SECONDS);
      acd.enqueue(QueueRequest.of("call-1", "caller-1", "outage")).await(10, TimeUnit.SECONDS);
      ChannelId operatorChannel = pbx.nextRing().answer();
      journal.await("acd.call.answered", "call-1");
      pbx.hangUpFromFarEnd(operatorChannel.value());
      handleTimeRecorded.get(10, TimeUnit.SECONDS); // the last step of the hang-up: the 300 ms wrap-up starts

      acd.stop().await(5, TimeUnit.SECONDS);
      stopped.set(true);
      CompletableFuture<Void> wrapUpOver = new CompletableFuture<>();
      vertx.setTimer(1000, id -> wrapUpOver.complete(null));
      wrapUpOver.get(5, TimeUnit.SECONDS);
      assertThat(usedAfterStop).as("shared state used after stop").isEmpty();
    } finally {
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }
}
