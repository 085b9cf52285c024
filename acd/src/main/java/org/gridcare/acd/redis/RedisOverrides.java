package org.gridcare.acd.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.gridcare.acd.app.Overrides;
import org.gridcare.acd.domain.LineOverride;
import org.gridcare.acd.domain.Operator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Overrides} in Redis: hashes {@value #LINES} (line → override) and {@value #SKILLS} (operator → skills). Each
 * instance keeps a copy, loaded at start and reloaded whenever any instance announces a change on the channel
 * {@value #CHANNEL}; an expired line override is ignored by the clock, and removed by the next write. A notice can be
 * missed (the subscription was down, or the writer lost Redis between its write and the notice), so the copy is also
 * reloaded each time the subscription is (re)established, and whenever the counter {@value #VERSION}, which every
 * write increments atomically with it, differs from the one loaded (checked every few seconds).
 */
public final class RedisOverrides implements Overrides {
  static final String LINES = "acd:override:lines";
  static final String SKILLS = "acd:override:skills";
  static final String CHANNEL = "acd:overrides";
  static final String VERSION = "acd:override:version";
  /** How often an instance compares {@value #VERSION} with its copy's. */
  public static final Duration CHECK_EVERY = Duration.ofSeconds(5);
  private static final String PUT = "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return redis.call('INCR', KEYS[2])";
  private static final String DELETE = "redis.call('HDEL', KEYS[1], ARGV[1]) return redis.call('INCR', KEYS[2])";
  private static final Logger LOG = LoggerFactory.getLogger(RedisOverrides.class);

  private final Vertx vertx;
  private final Context context;
  private final StatefulRedisConnection<String, String> redis;
  private StatefulRedisPubSubConnection<String, String> subscription;
  private volatile long checkTimer = -1;
  private boolean checking;
  private String loadedVersion;
  private volatile Map<Integer, LineOverride> lines = Map.of();
  private volatile Map<String, Map<String, Integer>> skills = Map.of();

  private RedisOverrides(Vertx vertx, StatefulRedisConnection<String, String> redis) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.redis = redis;
  }

  /** Subscribes to changes, then loads the current overrides; checks the version every {@link #CHECK_EVERY}. */
  public static Future<RedisOverrides> start(Vertx vertx, RedisClient client, StatefulRedisConnection<String, String> redis) {
    return start(vertx, client, redis, CHECK_EVERY);
  }

  static Future<RedisOverrides> start(Vertx vertx, RedisClient client, StatefulRedisConnection<String, String> redis,
      Duration checkEvery) {
    RedisOverrides overrides = new RedisOverrides(vertx, redis);
    return vertx.executeBlocking(client::connectPubSub).compose(sub -> {
      overrides.subscription = sub;
      sub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
          overrides.reloadOnContext("a change notice");
        }

        /** Also after Lettuce reconnected and subscribed again: notices may have been missed meanwhile. */
        @Override
        public void subscribed(String channel, long count) {
          overrides.reloadOnContext("(re)subscribed");
        }
      });
      return Future.fromCompletionStage(sub.async().subscribe(CHANNEL), overrides.context);
    }).compose(v -> overrides.reload()).map(v -> {
      overrides.checkTimer = vertx.setPeriodic(checkEvery.toMillis(), id -> overrides.checkVersion()); // on context
      return overrides;
    });
  }

  private void reloadOnContext(String why) {
    context.runOnContext(v -> reload().onFailure(e -> LOG.warn("reloading the ACD overrides after {} failed: {}", why,
        e.toString())));
  }

  /** Reloads when another instance's write went unannounced (or unheard); one check at a time. */
  private void checkVersion() {
    if (checking) {
      return;
    }
    checking = true;
    Future.fromCompletionStage(redis.async().get(VERSION), context)
        .compose(v -> Objects.equals(v, loadedVersion) ? Future.<Void>succeededFuture() : reload())
        .onFailure(e -> LOG.warn("checking the ACD overrides' version failed: {}", e.toString()))
        .onComplete(r -> checking = false);
  }

  /** The version first, then the hashes (one connection, in order): the copy is at least as new as the version kept. */
  Future<Void> reload() {
    Future<String> version = Future.fromCompletionStage(redis.async().get(VERSION), context);
    Future<Map<String, String>> l = Future.fromCompletionStage(redis.async().hgetall(LINES), context);
    Future<Map<String, String>> s = Future.fromCompletionStage(redis.async().hgetall(SKILLS), context);
    return Future.all(version, l, s).map(v -> {
      Map<Integer, LineOverride> newLines = new HashMap<>();
      l.result().forEach((line, json) -> newLines.put(Integer.valueOf(line), lineFrom(Integer.parseInt(line), json)));
      Map<String, Map<String, Integer>> newSkills = new HashMap<>();
      s.result().forEach((op, json) -> newSkills.put(op, skillsFrom(json)));
      lines = Map.copyOf(newLines);
      skills = Map.copyOf(newSkills);
      loadedVersion = version.result();
      return null;
    });
  }

  @Override
  public Optional<LineOverride> line(int line, Instant now) {
    return Optional.ofNullable(lines.get(line)).filter(o -> o.holdsAt(now));
  }

  @Override
  public Operator apply(Operator configured) {
    Map<String, Integer> s = skills.get(configured.id());
    return s == null ? configured
        : new Operator(configured.id(), configured.name(), configured.endpoint(), configured.lines(), s);
  }

  @Override
  public boolean skillsOverridden(String operatorId) {
    return skills.containsKey(operatorId);
  }

  @Override
  public Future<Void> putLine(LineOverride o) {
    JsonObject json = new JsonObject().put("open", o.open()).put("by", o.by()).put("at", o.at().toString());
    if (o.until() != null) {
      json.put("until", o.until().toString());
    }
    return changed(PUT, LINES, String.valueOf(o.line()), json.encode());
  }

  @Override
  public Future<Void> clearLine(int line) {
    return changed(DELETE, LINES, String.valueOf(line));
  }

  @Override
  public Future<Void> putSkills(String operatorId, Map<String, Integer> levels) {
    JsonObject json = new JsonObject();
    levels.forEach(json::put);
    return changed(PUT, SKILLS, operatorId, json.encode());
  }

  @Override
  public Future<Void> clearSkills(String operatorId) {
    return changed(DELETE, SKILLS, operatorId);
  }

  /**
   * Writes ({@code script} on the hash and the version counter, atomically), reloads this instance's copy (so the
   * caller sees it at once), then tells the others.
   */
  private Future<Void> changed(String script, String hash, String... fieldAndValue) {
    CompletionStage<Long> write = redis.async().eval(script, ScriptOutputType.INTEGER, new String[] {hash, VERSION},
        fieldAndValue);
    return Future.fromCompletionStage(write, context)
        .compose(v -> reload())
        .compose(v -> Future.fromCompletionStage(redis.async().publish(CHANNEL, "changed"), context))
        .mapEmpty();
  }

  private static LineOverride lineFrom(int line, String json) {
    JsonObject o = new JsonObject(json);
    String until = o.getString("until");
    return new LineOverride(line, o.getBoolean("open"), until == null ? null : Instant.parse(until), o.getString("by"),
        Instant.parse(o.getString("at")));
  }

  private static Map<String, Integer> skillsFrom(String json) {
    Map<String, Integer> out = new HashMap<>();
    new JsonObject(json).forEach(e -> out.put(e.getKey(), ((Number) e.getValue()).intValue()));
    return out;
  }

  public Future<Void> close() {
    if (checkTimer != -1) {
      vertx.cancelTimer(checkTimer);
    }
    return subscription == null ? Future.succeededFuture()
        : Future.fromCompletionStage(subscription.closeAsync(), context).mapEmpty();
  }
}
