package org.gridcare.acd.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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
 * {@value #CHANNEL}; an expired line override is ignored by the clock, and removed by the next write.
 */
public final class RedisOverrides implements Overrides {
  static final String LINES = "acd:override:lines";
  static final String SKILLS = "acd:override:skills";
  static final String CHANNEL = "acd:overrides";
  private static final Logger LOG = LoggerFactory.getLogger(RedisOverrides.class);

  private final Vertx vertx;
  private final Context context;
  private final StatefulRedisConnection<String, String> redis;
  private StatefulRedisPubSubConnection<String, String> subscription;
  private volatile Map<Integer, LineOverride> lines = Map.of();
  private volatile Map<String, Map<String, Integer>> skills = Map.of();

  private RedisOverrides(Vertx vertx, StatefulRedisConnection<String, String> redis) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.redis = redis;
  }

  /** Subscribes to changes, then loads the current overrides. */
  public static Future<RedisOverrides> start(Vertx vertx, RedisClient client, StatefulRedisConnection<String, String> redis) {
    RedisOverrides overrides = new RedisOverrides(vertx, redis);
    return vertx.executeBlocking(client::connectPubSub).compose(sub -> {
      overrides.subscription = sub;
      sub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
          overrides.context.runOnContext(v -> overrides.reload()
              .onFailure(e -> LOG.warn("reloading the ACD overrides failed: {}", e.toString())));
        }
      });
      return Future.fromCompletionStage(sub.async().subscribe(CHANNEL), overrides.context);
    }).compose(v -> overrides.reload()).map(overrides);
  }

  Future<Void> reload() {
    Future<Map<String, String>> l = Future.fromCompletionStage(redis.async().hgetall(LINES), context);
    Future<Map<String, String>> s = Future.fromCompletionStage(redis.async().hgetall(SKILLS), context);
    return Future.all(l, s).map(v -> {
      Map<Integer, LineOverride> newLines = new HashMap<>();
      l.result().forEach((line, json) -> newLines.put(Integer.valueOf(line), lineFrom(Integer.parseInt(line), json)));
      Map<String, Map<String, Integer>> newSkills = new HashMap<>();
      s.result().forEach((op, json) -> newSkills.put(op, skillsFrom(json)));
      lines = Map.copyOf(newLines);
      skills = Map.copyOf(newSkills);
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
    return changed(redis.async().hset(LINES, String.valueOf(o.line()), json.encode()).thenApply(n -> null));
  }

  @Override
  public Future<Void> clearLine(int line) {
    return changed(redis.async().hdel(LINES, String.valueOf(line)).thenApply(n -> null));
  }

  @Override
  public Future<Void> putSkills(String operatorId, Map<String, Integer> levels) {
    JsonObject json = new JsonObject();
    levels.forEach(json::put);
    return changed(redis.async().hset(SKILLS, operatorId, json.encode()).thenApply(n -> null));
  }

  @Override
  public Future<Void> clearSkills(String operatorId) {
    return changed(redis.async().hdel(SKILLS, operatorId).thenApply(n -> null));
  }

  /** After a write: reload this instance's copy (so the caller sees it at once), then tell the others. */
  private Future<Void> changed(CompletionStage<Void> write) {
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
    return subscription == null ? Future.succeededFuture()
        : Future.fromCompletionStage(subscription.closeAsync(), context).mapEmpty();
  }
}
