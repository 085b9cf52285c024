package org.gridcare.acd.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.acd.app.Leg;
import org.gridcare.acd.app.LiveCall;
import org.gridcare.acd.app.Versioned;
import org.gridcare.acd.domain.Assignment;
import org.gridcare.acd.domain.Operator;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.Routing;
import org.gridcare.acd.domain.RoutingRules;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RealServers
class RedisAcdStateTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
  private final List<RedisClient> clients = new ArrayList<>();
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
  void tearDown() {
    clients.forEach(RedisClient::shutdown);
  }

  /** A new server instance's view of the shared Redis: its own connection. */
  private RedisAcdState instance() {
    RedisClient client = RedisClient.create(redisUrl);
    clients.add(client);
    StatefulRedisConnection<String, String> connection = client.connect();
    return new RedisAcdState(vertx, connection);
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("Redis did not answer within 10 s", e);
    }
  }

  private static WaitingCall call(String id, Instant at) {
    return new WaitingCall(id, "chan-" + id, 1, "outage", "outage", 10, false, 0, "cust", null, at, false);
  }

  private static OperatorStatus ready(String id) {
    return OperatorStatus.loggedOut(id, T0).login("PJSIP/" + id, T0).ready(T0);
  }

  @Test
  void aCallIsQueuedOnceAndKeepsItsFields() {
    RedisAcdState state = instance();
    WaitingCall c = call("c1", T0);
    assertThat(await(state.enqueue(c))).isTrue();
    assertThat(await(state.enqueue(c))).isFalse();
    assertThat(await(state.waiting())).containsExactly(c);
  }

  @Test
  void operatorWritesAreCompareAndSet() {
    RedisAcdState state = instance();
    OperatorStatus s = ready("op1");
    assertThat(await(state.replaceOperator(0, s))).contains(1L);
    assertThat(await(state.replaceOperator(0, s.notReady("break", T0)))).isEmpty();
    assertThat(await(state.operator("op1"))).contains(new Versioned<>(s, 1));
  }

  @Test
  void reservingMovesTheCallOutOfTheQueueExactlyOnce() {
    RedisAcdState a = instance();
    RedisAcdState b = instance();
    await(a.replaceOperator(0, ready("op1")));
    await(a.replaceOperator(0, ready("op2")));
    WaitingCall c = call("c1", T0);
    await(a.enqueue(c));

    OperatorStatus r1 = ready("op1").reserve("c1", T0);
    assertThat(await(a.reserve(1, r1, "c1", LiveCall.offered(c, "op1", T0)))).isTrue();
    // the other instance, deciding from the same stale snapshot, loses on both counts
    assertThat(await(b.reserve(1, r1, "c1", LiveCall.offered(c, "op1", T0)))).isFalse();
    OperatorStatus r2 = ready("op2").reserve("c1", T0);
    assertThat(await(b.reserve(1, r2, "c1", LiveCall.offered(c, "op2", T0)))).isFalse();

    assertThat(await(a.waiting())).isEmpty();
    assertThat(await(a.liveCall("c1"))).map(LiveCall::operatorId).contains("op1");
    assertThat(await(a.operator("op2")).orElseThrow().value().available()).isTrue();
    assertThat(await(a.enqueue(c))).as("a live call cannot be queued again").isFalse();
  }

  @Test
  void aRequeuedCallKeepsItsPlace() {
    RedisAcdState state = instance();
    WaitingCall c = call("c1", T0);
    await(state.replaceOperator(0, ready("op1")));
    await(state.enqueue(c));
    await(state.reserve(1, ready("op1").reserve("c1", T0), "c1", LiveCall.offered(c, "op1", T0)));
    assertThat(await(state.requeue("c1"))).contains(c);
    assertThat(await(state.requeue("c1"))).isEmpty();
    assertThat(await(state.waiting())).containsExactly(c);
  }

  @Test
  void removalsAndLegsAreTakenByOneInstanceOnly() {
    RedisAcdState a = instance();
    RedisAcdState b = instance();
    await(a.enqueue(call("c1", T0)));
    assertThat(await(a.removeWaiting("c1"))).isPresent();
    assertThat(await(b.removeWaiting("c1"))).isEmpty();

    await(a.putLeg("chan-1", Leg.operator("c1", "op1")));
    assertThat(await(b.takeLeg("chan-1"))).contains(Leg.operator("c1", "op1"));
    assertThat(await(a.takeLeg("chan-1"))).isEmpty();
  }

  @Test
  void aHangUpSeenBeforeTheLegIsRegisteredRefusesTheLeg() {
    RedisAcdState a = instance();
    RedisAcdState b = instance();
    assertThat(await(a.putLiveLeg("chan-1", Leg.operator("c1", "op1")))).isTrue();
    assertThat(await(b.hungUp("chan-1"))).contains(Leg.operator("c1", "op1"));

    assertThat(await(b.hungUp("chan-2"))).as("no leg yet").isEmpty();
    assertThat(await(a.putLiveLeg("chan-2", Leg.operator("c2", "op1")))).isFalse();
    assertThat(await(a.leg("chan-2"))).isEmpty();
    assertThat(await(a.putLiveLeg("chan-3", Leg.operator("c3", "op1")))).as("other channels unaffected").isTrue();
  }

  @Test
  void emergencyModeAndHandleTimesAreShared() {
    RedisAcdState a = instance();
    RedisAcdState b = instance();
    await(a.setEmergency(true));
    assertThat(await(b.emergency())).isTrue();
    await(b.setEmergency(false));
    assertThat(await(a.emergency())).isFalse();

    await(a.recordHandleTime(1, Duration.ofSeconds(100)));
    await(b.recordHandleTime(1, Duration.ofSeconds(300)));
    assertThat(await(a.handleTimes()).get(1).mean()).isEqualTo(Duration.ofSeconds(200));
  }

  /**
   * Three server instances route one queue at once from their own snapshots, 100,000 assignments in all: calls
   * keep arriving as operators are released. Every successful reservation is checked against what is held at that
   * moment: an operator offered a second call while holding one, a call given twice, or a release that finds the
   * operator changed under it fails the test.
   */
  @Test
  void threeInstancesMakeAHundredThousandAssignmentsWithoutADoubleOffer() throws Exception {
    int operators = 30;
    int total = 100_000;
    int queueDepth = 60;
    RedisAcdState setup = instance();
    List<Operator> staff = new ArrayList<>();
    for (int i = 0; i < operators; i++) {
      String id = "op" + i;
      staff.add(new Operator(id, id, "PJSIP/" + id, Set.of(1), Map.of("outage", 5)));
      await(setup.replaceOperator(0, ready(id)));
    }
    AtomicInteger created = new AtomicInteger();
    for (int i = 0; i < queueDepth; i++) {
      int n = created.getAndIncrement();
      await(setup.enqueue(call("c" + n, T0.plusMillis(n))));
    }
    Map<String, String> holding = new ConcurrentHashMap<>();
    Set<String> given = ConcurrentHashMap.newKeySet();
    AtomicInteger violations = new AtomicInteger();
    AtomicInteger conflicts = new AtomicInteger();
    Map<String, Operator> byId = new java.util.HashMap<>();
    staff.forEach(o -> byId.put(o.id(), o));
    Routing routing = new Routing(new RoutingRules(Duration.ofMinutes(1), Duration.ofMinutes(2), List.of(), Duration.ofMinutes(5)));

    Runnable worker = () -> {
      RedisAcdState state = instance();
      while (true) {
        List<WaitingCall> waiting = await(state.waiting());
        if (waiting.isEmpty()) {
          if (created.get() >= total && given.size() >= total) {
            return;
          }
          continue;
        }
        Map<String, Versioned<OperatorStatus>> versions = new java.util.HashMap<>();
        List<OperatorView> views = new ArrayList<>();
        for (Versioned<OperatorStatus> v : await(state.operators())) {
          versions.put(v.value().operatorId(), v);
          views.add(new OperatorView(byId.get(v.value().operatorId()), v.value()));
        }
        for (Assignment a : routing.assign(waiting, views, T0.plusSeconds(60))) {
          Versioned<OperatorStatus> v = versions.get(a.operator().id());
          OperatorStatus reserved = v.value().reserve(a.call().callId(), T0);
          boolean won = await(state.reserve(v.version(), reserved, a.call().callId(),
              LiveCall.offered(a.call(), a.operator().id(), T0)));
          if (!won) {
            conflicts.incrementAndGet();
            continue;
          }
          if (holding.putIfAbsent(a.operator().id(), a.call().callId()) != null || !given.add(a.call().callId())) {
            violations.incrementAndGet();
          }
          holding.remove(a.operator().id());
          state.removeLive(a.call().callId());
          Optional<Long> released = await(state.replaceOperator(v.version() + 1, reserved.withdrawOffer(T0)));
          if (released.isEmpty()) {
            violations.incrementAndGet();
          }
          int n = created.getAndIncrement();
          if (n < total) {
            await(state.enqueue(call("c" + n, T0.plusMillis(n))));
          }
        }
      }
    };
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> running = List.of(pool.submit(worker), pool.submit(worker), pool.submit(worker));
      for (Future<?> f : running) {
        f.get(300, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(violations.get()).isZero();
    assertThat(given).hasSize(total);
    assertThat(await(setup.waiting())).isEmpty();
    assertThat(await(setup.operators())).allMatch(v -> v.value().available());
    assertThat(conflicts.get()).as("the instances really competed").isPositive();
  }
}
