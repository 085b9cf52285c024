package org.gridcare.acd.bench;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.app.LiveCall;
import org.gridcare.acd.app.Versioned;
import org.gridcare.acd.domain.Assignment;
import org.gridcare.acd.domain.Operator;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.Routing;
import org.gridcare.acd.domain.RoutingRules;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.acd.redis.RedisAcdState;

/**
 * Routing throughput on the real Redis: {@code calls} waiting and {@code operators} over three lines. Each pass
 * reads the queue and the operators, decides with {@link Routing}, and commits every assignment with one atomic
 * reserve (one Lua round trip each, all in flight at once); then the reserved operators are released and as many
 * new calls queued, outside the measured time. Decision latency: from the start of the pass to the reserve's
 * confirmation. A third of the duration is spent warming up first, unmeasured. Next to it, in the same run, a raw loop of one-at-a-time EVAL round trips on the same connection.
 * Uses the {@code acd:} keys of the Redis it is given: run it against a scratch Redis.
 */
public final class RoutingBenchmark {
  private static final String[] SKILLS = {"outage", "metering", "technical"};
  private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

  private final Vertx vertx;
  private final StatefulRedisConnection<String, String> redis;
  private final int calls;
  private final int operators;
  private final Duration duration;

  public RoutingBenchmark(Vertx vertx, StatefulRedisConnection<String, String> redis, int calls, int operators,
      Duration duration) {
    this.vertx = vertx;
    this.redis = redis;
    this.calls = calls;
    this.operators = operators;
    this.duration = duration;
  }

  /** The shipped figures: 10,000 calls and 2,000 operators; {@code quick} measures for 10 s instead of 30 s. */
  public static RoutingBenchmark standard(Vertx vertx, StatefulRedisConnection<String, String> redis, boolean quick) {
    return new RoutingBenchmark(vertx, redis, 10_000, 2_000, Duration.ofSeconds(quick ? 10 : 30));
  }

  public JsonObject run() throws Exception {
    redis.sync().del("acd:operators", "acd:waiting", "acd:live");
    RedisAcdState state = new RedisAcdState(vertx, redis);
    Map<String, Operator> staff = new HashMap<>();
    for (int i = 0; i < operators; i++) {
      int line = i % 3 + 1;
      Operator op = new Operator("op" + i, "op" + i, "PJSIP/op" + i, Set.of(line), Map.of(SKILLS[line - 1], 3 + i % 3));
      staff.put(op.id(), op);
      await(state.replaceOperator(0, OperatorStatus.loggedOut(op.id(), T0).login(op.endpoint(), T0).ready(T0)));
    }
    List<Future<Boolean>> queued = new ArrayList<>();
    for (int n = 0; n < calls; n++) {
      queued.add(state.enqueue(call(n)));
    }
    await(Future.all(queued));

    Routing routing = new Routing(new RoutingRules(Duration.ofSeconds(60), Duration.ofSeconds(90),
        List.of(new RoutingRules.Widening(Duration.ZERO, 1)), Duration.ofMinutes(5)));
    List<Long> latencies = new ArrayList<>();
    long[] measuredNanos = {0};
    int[] next = {calls};
    // warm-up passes (JIT, connection) are not measured
    long warmUpEnd = System.nanoTime() + duration.toNanos() / 3;
    while (System.nanoTime() < warmUpEnd) {
      pass(state, staff, routing, next, new ArrayList<>(), new long[1]);
    }
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      pass(state, staff, routing, next, latencies, measuredNanos);
    }
    double assignmentsPerSecond = latencies.size() / (measuredNanos[0] / 1e9);
    double roundTripsPerSecond = rawRoundTrips(Duration.ofSeconds(Math.max(2, duration.toSeconds() / 5)));
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new JsonObject()
        .put("assignments", sorted.length)
        .put("assignments_per_s", Math.round(assignmentsPerSecond))
        .put("redis_roundtrips_per_s", Math.round(roundTripsPerSecond))
        .put("ratio", Math.round(assignmentsPerSecond / roundTripsPerSecond * 1000) / 1000.0)
        .put("p50_ms", percentile(sorted, 0.50))
        .put("p99_ms", percentile(sorted, 0.99))
        .put("waiting_calls", calls).put("operators", operators);
  }

  /** One routing pass, measured into {@code latencies} and {@code measuredNanos}; then the calls end (unmeasured). */
  private void pass(RedisAcdState state, Map<String, Operator> staff, Routing routing, int[] next, List<Long> latencies,
      long[] measuredNanos) throws Exception {
    long start = System.nanoTime();
    Future<List<Versioned<OperatorStatus>>> ops = state.operators();
    Future<List<WaitingCall>> waiting = state.waiting();
    await(Future.all(ops, waiting));
    Map<String, Long> versions = new HashMap<>();
    List<OperatorView> views = new ArrayList<>();
    ops.result().forEach(v -> {
      versions.put(v.value().operatorId(), v.version());
      views.add(new OperatorView(staff.get(v.value().operatorId()), v.value()));
    });
    Instant now = T0.plusSeconds(30);
    List<Assignment> decided = routing.assign(waiting.result(), views, now);
    List<Future<Boolean>> commits = new ArrayList<>();
    long[] done = new long[decided.size()];
    for (int i = 0; i < decided.size(); i++) {
      Assignment a = decided.get(i);
      int slot = i;
      commits.add(state.reserve(versions.get(a.operator().id()), a.operator().status().reserve(a.call().callId(), now),
          a.call().callId(), LiveCall.offered(a.call(), a.operator().id(), now)).onSuccess(ok -> done[slot] = System.nanoTime()));
    }
    await(Future.all(commits));
    measuredNanos[0] += System.nanoTime() - start;
    for (int i = 0; i < decided.size(); i++) {
      if (commits.get(i).result()) {
        latencies.add(done[i] - start);
      }
    }
    // the calls end: operators free again, new callers arrive (not measured)
    List<Future<?>> reset = new ArrayList<>();
    for (int i = 0; i < decided.size(); i++) {
      Assignment a = decided.get(i);
      if (!commits.get(i).result()) {
        continue;
      }
      OperatorStatus reserved = a.operator().status().reserve(a.call().callId(), now);
      reset.add(state.removeLive(a.call().callId()));
      reset.add(state.replaceOperator(versions.get(a.operator().id()) + 1, reserved.withdrawOffer(now)));
      reset.add(state.enqueue(call(next[0]++)));
    }
    await(Future.all(reset.stream().map(f -> (Future<?>) f).toList()));
  }

  /** One-at-a-time EVAL round trips on the same connection: the ceiling one decision per round trip would reach. */
  private double rawRoundTrips(Duration d) throws Exception {
    RedisAsyncCommands<String, String> async = redis.async();
    String script = "return redis.call('HLEN', KEYS[1])";
    long n = 0;
    long start = System.nanoTime();
    long end = start + d.toNanos();
    while (System.nanoTime() < end) {
      async.<Long>eval(script, ScriptOutputType.INTEGER, new String[] {"acd:operators"}).get(5, TimeUnit.SECONDS);
      n++;
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    long nanos = sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    return Math.round(nanos / 10_000.0) / 100.0;
  }

  private static WaitingCall call(int n) {
    int line = n % 3 + 1;
    return new WaitingCall("b" + n, "chan-b" + n, line, SKILLS[line - 1], SKILLS[line - 1], n % 7 == 0 ? 10 : 0,
        false, 0, null, null, T0.plusMillis(n), false);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
  }
}
