package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.pg.PgCallbacks;
import org.gridcare.acd.pg.PgOperatorHistory;
import org.gridcare.acd.redis.RedisAcdState;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** An ACD on real Redis and PostgreSQL, a fake PBX and a hand-moved clock, on the shipped configuration. */
@RealServers
public abstract class AcdHarness {
  static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
  static final ContactCentreConfig CONFIG = ConfigLoader.load(Path.of("../config/contact-centre.yaml"), Map.of());

  protected Storage storage;
  protected FakePbx pbx;
  protected RecordingJournal journal;
  protected RecordingHistory history;
  protected MutableClock clock;
  protected SimpleMeterRegistry meters;
  protected Acd acd;

  @BeforeEach
  protected void setUp(Vertx vertx, StorageSettings settings) throws Exception {
    storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    storage.redis().sync().flushall();
    storage.pool().query("TRUNCATE journal, acd_operator_state_change, acd_callback").execute().await(10, TimeUnit.SECONDS);
    pbx = new FakePbx(vertx);
    journal = new RecordingJournal(storage.journal());
    history = new RecordingHistory(new PgOperatorHistory(storage.pool()));
    clock = new MutableClock(T0);
    meters = new SimpleMeterRegistry();
    AcdSettings acdSettings = AcdSettings.from(CONFIG);
    acd = new Acd(vertx, acdSettings, new RedisAcdState(vertx, storage.redis()), pbx, journal,
        history, callbackStore(vertx, new PgCallbacks(storage.pool())), new AcdMetrics(meters, acdSettings.serviceLevels()), clock);
    acd.start();
  }

  /** The callback store the ACD uses; a test may wrap the real one. */
  protected Callbacks callbackStore(Vertx vertx, Callbacks stored) {
    return stored;
  }

  @AfterEach
  protected void tearDown() throws Exception {
    acd.stop().await(5, TimeUnit.SECONDS);
    storage.close().await(30, TimeUnit.SECONDS);
  }

  protected static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  protected OperatorStatus status(String id) throws Exception {
    return await(acd.operators()).stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow().status();
  }

  protected void ready(String id) throws Exception {
    await(acd.login(id, null));
    await(acd.ready(id));
  }

  protected static DomainException failure(Future<?> f) throws Exception {
    try {
      f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable t = e instanceof ExecutionException ? e.getCause() : e;
      assertThat(t).isInstanceOf(DomainException.class);
      return (DomainException) t;
    }
    throw new AssertionError("expected a failure");
  }

  /** Queues the caller, lets op1001 answer; returns the operator's channel. */
  protected ChannelId connect(String callId, String callerChannel) throws Exception {
    await(acd.enqueue(QueueRequest.of(callId, callerChannel, "outage")));
    FakePbx.Ring ring = pbx.nextRing();
    ChannelId operatorChannel = ring.answer();
    journal.await("acd.call.answered", callId);
    return operatorChannel;
  }
}
