package org.gridcare.acd.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TransactionResult;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.domain.LineOverride;
import org.gridcare.acd.domain.Operator;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Overrides written by one instance are in another's copy once announced; an expired line override no longer holds; a
 * copy that missed a notice (subscription cut, notice never sent) catches up.
 */
@RealServers
class RedisOverridesTest {
  private static final Instant T0 = Instant.parse("2026-11-26T18:00:00Z");
  private static final Operator OP = new Operator("op1", "Op One", "PJSIP/op1", Set.of(1), Map.of("outage", 3));
  private final List<RedisClient> clients = new ArrayList<>();
  private final List<RedisOverrides> started = new ArrayList<>();
  private Vertx vertx;
  private String redisUrl;

  @BeforeEach
  void setUp(Vertx vertx, StorageSettings settings) {
    this.vertx = vertx;
    this.redisUrl = settings.redisUrl();
    try (var c = RedisClient.create(redisUrl).connect()) {
      c.sync().flushall();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    for (RedisOverrides o : started) {
      await(o.close());
    }
    clients.forEach(RedisClient::shutdown);
  }

  private RedisOverrides instance() throws Exception {
    return instance(RedisOverrides.CHECK_EVERY);
  }

  private RedisOverrides instance(Duration checkEvery) throws Exception {
    RedisClient client = RedisClient.create(redisUrl);
    clients.add(client);
    RedisOverrides o = await(RedisOverrides.start(vertx, client, client.connect(), checkEvery));
    started.add(o);
    return o;
  }

  @Test
  void anotherInstanceSeesLineAndSkillOverrides() throws Exception {
    RedisOverrides a = instance();
    RedisOverrides b = instance();
    await(a.putLine(new LineOverride(2, true, T0.plusSeconds(3600), "sup2", T0)));
    await(a.putSkills("op1", Map.of("metering", 4)));
    assertThat(a.line(2, T0)).map(LineOverride::open).contains(true);
    eventually(() -> b.line(2, T0).isPresent() && b.apply(OP).level("metering") == 4);
    assertThat(b.line(2, T0.plusSeconds(3600))).as("expired at its end").isEmpty();
    assertThat(b.apply(OP).level("outage")).as("replaced, not merged").isZero();
    assertThat(b.skillsOverridden("op1")).isTrue();

    await(b.clearLine(2));
    await(b.clearSkills("op1"));
    eventually(() -> a.line(2, T0).isEmpty() && a.apply(OP).equals(OP));
    assertThat(instance().line(2, T0)).as("a new instance loads the current state").isEmpty();
  }

  @Test
  void aCopyThatMissedANoticeWhileCutOffCatchesUpOnResubscribing() throws Exception {
    RedisOverrides a = instance(Duration.ofHours(1)); // no version check: only the resubscription can help
    RedisOverrides b = instance(Duration.ofHours(1));
    await(a.putSkills("op1", Map.of("metering", 1)));
    eventually(() -> b.apply(OP).level("metering") == 1);
    try (var c = RedisClient.create(redisUrl).connect()) {
      // in one transaction: every pub/sub connection cut, then a change and its notice, which nobody hears
      c.sync().multi();
      c.sync().clientKill(KillArgs.Builder.typePubsub());
      c.sync().hset(RedisOverrides.SKILLS, "op1", "{\"metering\":4}");
      c.sync().publish(RedisOverrides.CHANNEL, "changed");
      TransactionResult done = c.sync().exec();
      assertThat(done.<Long>get(0)).as("pub/sub connections cut").isEqualTo(2);
      assertThat(done.<Long>get(2)).as("nobody heard the notice").isZero();
    }
    eventually(() -> b.apply(OP).level("metering") == 4 && a.apply(OP).level("metering") == 4);
  }

  @Test
  void aWriteWhoseNoticeWasNeverSentIsFoundByTheVersionCheck() throws Exception {
    RedisOverrides b = instance(Duration.ofMillis(100));
    try (var c = RedisClient.create(redisUrl).connect()) {
      // what a writer that lost Redis between its write and its notice leaves behind
      c.sync().hset(RedisOverrides.LINES, "3", "{\"open\":false,\"by\":\"sup3\",\"at\":\"" + T0 + "\"}");
      c.sync().incr(RedisOverrides.VERSION);
    }
    eventually(() -> b.line(3, T0).map(o -> !o.open()).orElse(false));
  }

  private static void eventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("condition in time").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
