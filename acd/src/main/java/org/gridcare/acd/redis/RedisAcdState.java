package org.gridcare.acd.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.gridcare.acd.app.AcdState;
import org.gridcare.acd.app.Leg;
import org.gridcare.acd.app.LiveCall;
import org.gridcare.acd.app.Versioned;
import org.gridcare.acd.domain.HandleTime;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.WaitingCall;

/**
 * {@link AcdState} in Redis. Versioned values are stored as {@code <version>:<json>} in a hash field so a Lua script
 * can compare-and-set them in one round trip. Keys:
 * <ul>
 *   <li>{@code acd:operators} operator id → versioned status</li>
 *   <li>{@code acd:waiting} call id → waiting call; {@code acd:live} call id → offered or answered call</li>
 *   <li>{@code acd:legs} PBX channel → leg; {@code acd:gone:<channel>} a hang-up seen before the leg (60 s)</li>
 *   <li>{@code acd:emergency}; {@code acd:handle-time} line → versioned mean</li>
 * </ul>
 */
public final class RedisAcdState implements AcdState {
  static final String OPERATORS = "acd:operators";
  static final String WAITING = "acd:waiting";
  static final String LIVE = "acd:live";
  static final String LEGS = "acd:legs";
  static final String EMERGENCY = "acd:emergency";
  static final String HANDLE_TIME = "acd:handle-time";
  /** {@code acd:gone:<channel>}: a channel whose hang-up came before its leg was registered (expires). */
  static final String GONE = "acd:gone:";
  private static final int MAX_ATTEMPTS = 20;

  private static final String VERSION_OF = """
      local function version(cur)
        if not cur then return 0 end
        return tonumber(string.match(cur, '^(%d+):'))
      end
      """;

  /** KEYS: hash. ARGV: field, expected version, payload. Returns the new version, 0 on conflict. */
  private static final LuaScript CAS = new LuaScript(VERSION_OF + """
      local v = version(redis.call('HGET', KEYS[1], ARGV[1]))
      if v ~= tonumber(ARGV[2]) then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], (v + 1) .. ':' .. ARGV[3])
      return v + 1
      """, ScriptOutputType.INTEGER);

  /**
   * KEYS: operators, waiting, live. ARGV: operator id, expected version, reserved status, call id, live call.
   * Returns the new version; 0 when the operator moved on, -1 when the call no longer waits.
   */
  private static final LuaScript RESERVE = new LuaScript(VERSION_OF + """
      local v = version(redis.call('HGET', KEYS[1], ARGV[1]))
      if v ~= tonumber(ARGV[2]) then return 0 end
      if redis.call('HDEL', KEYS[2], ARGV[4]) == 0 then return -1 end
      redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
      redis.call('HSET', KEYS[1], ARGV[1], (v + 1) .. ':' .. ARGV[3])
      return v + 1
      """, ScriptOutputType.INTEGER);

  /** KEYS: waiting, live. ARGV: call id, call. 1 when added, 0 when the call is already known. */
  private static final LuaScript ENQUEUE = new LuaScript("""
      if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
      return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
      """, ScriptOutputType.INTEGER);

  /** KEYS: hash. ARGV: field, value. Writes only over an existing field. */
  private static final LuaScript REPLACE = new LuaScript("""
      if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return 1
      """, ScriptOutputType.INTEGER);

  /** KEYS: hash. ARGV: field. Removes the field and returns its value (nil when absent). */
  private static final LuaScript TAKE = new LuaScript("""
      local v = redis.call('HGET', KEYS[1], ARGV[1])
      if v then redis.call('HDEL', KEYS[1], ARGV[1]) end
      return v
      """, ScriptOutputType.VALUE);

  /** KEYS: legs, gone marker. ARGV: channel. TAKE, or marks the channel gone for 60 s when it has no leg. */
  private static final LuaScript HUNG_UP = new LuaScript("""
      local v = redis.call('HGET', KEYS[1], ARGV[1])
      if v then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('SET', KEYS[2], '1', 'EX', 60) end
      return v
      """, ScriptOutputType.VALUE);

  /** KEYS: legs, gone marker. ARGV: channel, leg. 1 when written, 0 when the channel is already gone. */
  private static final LuaScript PUT_LIVE_LEG = new LuaScript("""
      if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return 1
      """, ScriptOutputType.INTEGER);

  /** KEYS: live, waiting. ARGV: call id. Moves an offered call back to waiting; returns the waiting call. */
  private static final LuaScript REQUEUE = new LuaScript("""
      local l = redis.call('HGET', KEYS[1], ARGV[1])
      if not l then return nil end
      redis.call('HDEL', KEYS[1], ARGV[1])
      local call = cjson.encode(cjson.decode(l)['call'])
      redis.call('HSET', KEYS[2], ARGV[1], call)
      return call
      """, ScriptOutputType.VALUE);

  private final Vertx vertx;
  private final RedisAsyncCommands<String, String> redis;
  /**
   * Waiting calls decoded before, by their stored JSON: each dispatch pass reads the whole queue, and in a storm most
   * of it is unchanged since the last pass. Cleared when it outgrows a queue of that size.
   */
  private final Map<String, WaitingCall> decoded = new java.util.concurrent.ConcurrentHashMap<>();

  public RedisAcdState(Vertx vertx, StatefulRedisConnection<String, String> connection) {
    this.vertx = vertx;
    this.redis = connection.async();
  }

  private <T> Future<T> on(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }

  private static long version(String stored) {
    return Long.parseLong(stored.substring(0, stored.indexOf(':')));
  }

  private static String payload(String stored) {
    return stored.substring(stored.indexOf(':') + 1);
  }

  @Override
  public Future<List<Versioned<OperatorStatus>>> operators() {
    return on(redis.hvals(OPERATORS)).map(values -> values.stream()
        .map(v -> new Versioned<>(AcdJson.operator(payload(v)), version(v)))
        .toList());
  }

  @Override
  public Future<Optional<Versioned<OperatorStatus>>> operator(String operatorId) {
    return on(redis.hget(OPERATORS, operatorId)).map(v -> Optional.ofNullable(v)
        .map(s -> new Versioned<>(AcdJson.operator(payload(s)), version(s))));
  }

  @Override
  public Future<Optional<Long>> replaceOperator(long expectedVersion, OperatorStatus next) {
    return this.<Long>on(CAS.run(redis, new String[] {OPERATORS}, next.operatorId(), Long.toString(expectedVersion),
            AcdJson.operator(next)))
        .map(v -> v == 0 ? Optional.empty() : Optional.of(v));
  }

  @Override
  public Future<Boolean> reserve(long expectedVersion, OperatorStatus reserved, String callId, LiveCall offer) {
    return this.<Long>on(RESERVE.run(redis, new String[] {OPERATORS, WAITING, LIVE}, reserved.operatorId(),
            Long.toString(expectedVersion), AcdJson.operator(reserved), callId, AcdJson.live(offer)))
        .map(v -> v > 0);
  }

  @Override
  public Future<Boolean> enqueue(WaitingCall call) {
    return this.<Long>on(ENQUEUE.run(redis, new String[] {WAITING, LIVE}, call.callId(), AcdJson.call(call)))
        .map(v -> v == 1);
  }

  @Override
  public Future<List<WaitingCall>> waiting() {
    return on(redis.hvals(WAITING)).map(values -> {
      if (decoded.size() > 2 * values.size() + 1_000) {
        decoded.clear();
      }
      return values.stream().map(v -> decoded.computeIfAbsent(v, AcdJson::call)).toList();
    });
  }

  @Override
  public Future<Optional<WaitingCall>> waitingCall(String callId) {
    return on(redis.hget(WAITING, callId)).map(v -> Optional.ofNullable(v).map(AcdJson::call));
  }

  @Override
  public Future<Boolean> updateWaiting(WaitingCall call) {
    return this.<Long>on(REPLACE.run(redis, new String[] {WAITING}, call.callId(), AcdJson.call(call))).map(v -> v == 1);
  }

  @Override
  public Future<Optional<WaitingCall>> removeWaiting(String callId) {
    return this.<String>on(TAKE.run(redis, new String[] {WAITING}, callId))
        .map(v -> Optional.ofNullable(v).map(AcdJson::call));
  }

  @Override
  public Future<List<LiveCall>> live() {
    return on(redis.hvals(LIVE)).map(values -> values.stream().map(AcdJson::live).toList());
  }

  @Override
  public Future<Optional<LiveCall>> liveCall(String callId) {
    return on(redis.hget(LIVE, callId)).map(v -> Optional.ofNullable(v).map(AcdJson::live));
  }

  @Override
  public Future<Boolean> updateLive(LiveCall call) {
    return this.<Long>on(REPLACE.run(redis, new String[] {LIVE}, call.call().callId(), AcdJson.live(call)))
        .map(v -> v == 1);
  }

  @Override
  public Future<Optional<LiveCall>> removeLive(String callId) {
    return this.<String>on(TAKE.run(redis, new String[] {LIVE}, callId))
        .map(v -> Optional.ofNullable(v).map(AcdJson::live));
  }

  @Override
  public Future<Optional<WaitingCall>> requeue(String callId) {
    return this.<String>on(REQUEUE.run(redis, new String[] {LIVE, WAITING}, callId))
        .map(v -> Optional.ofNullable(v).map(AcdJson::call));
  }

  @Override
  public Future<Void> putLeg(String channel, Leg leg) {
    return on(redis.hset(LEGS, channel, AcdJson.leg(leg))).mapEmpty();
  }

  @Override
  public Future<Optional<Leg>> leg(String channel) {
    return on(redis.hget(LEGS, channel)).map(v -> Optional.ofNullable(v).map(AcdJson::leg));
  }

  @Override
  public Future<Optional<Leg>> takeLeg(String channel) {
    return this.<String>on(TAKE.run(redis, new String[] {LEGS}, channel))
        .map(v -> Optional.ofNullable(v).map(AcdJson::leg));
  }

  @Override
  public Future<Optional<Leg>> hungUp(String channel) {
    return this.<String>on(HUNG_UP.run(redis, new String[] {LEGS, GONE + channel}, channel))
        .map(v -> Optional.ofNullable(v).map(AcdJson::leg));
  }

  @Override
  public Future<Boolean> putLiveLeg(String channel, Leg leg) {
    return this.<Long>on(PUT_LIVE_LEG.run(redis, new String[] {LEGS, GONE + channel}, channel, AcdJson.leg(leg)))
        .map(v -> v == 1);
  }

  @Override
  public Future<Boolean> emergency() {
    return on(redis.exists(EMERGENCY)).map(n -> n > 0);
  }

  @Override
  public Future<Void> setEmergency(boolean on) {
    return (on ? on(redis.set(EMERGENCY, "on")).mapEmpty() : on(redis.del(EMERGENCY)).mapEmpty());
  }

  @Override
  public Future<Map<Integer, HandleTime>> handleTimes() {
    return on(redis.hgetall(HANDLE_TIME)).map(all -> {
      Map<Integer, HandleTime> out = new HashMap<>();
      all.forEach((line, v) -> out.put(Integer.parseInt(line), handleTime(payload(v))));
      return out;
    });
  }

  /** Read, add, compare-and-set; retried when another instance recorded a sample in between. */
  @Override
  public Future<Void> recordHandleTime(int line, Duration observed) {
    return recordHandleTime(Integer.toString(line), observed, 1);
  }

  private Future<Void> recordHandleTime(String field, Duration observed, int attempt) {
    return on(redis.hget(HANDLE_TIME, field)).compose(stored -> {
      long v = stored == null ? 0 : version(stored);
      HandleTime next = (stored == null ? HandleTime.initial() : handleTime(payload(stored))).add(observed);
      return this.<Long>on(CAS.run(redis, new String[] {HANDLE_TIME}, field, Long.toString(v),
              next.mean().toMillis() + "/" + next.samples()))
          .compose(nv -> {
            if (nv != 0) {
              return Future.<Void>succeededFuture();
            }
            // a lost sample only nudges an average: give up rather than spin under contention
            return attempt < MAX_ATTEMPTS ? recordHandleTime(field, observed, attempt + 1) : Future.<Void>succeededFuture();
          });
    });
  }

  private static HandleTime handleTime(String payload) {
    String[] parts = payload.split("/");
    return new HandleTime(Duration.ofMillis(Long.parseLong(parts[0])), Long.parseLong(parts[1]));
  }
}
