package org.gridcare.server.wallboard;

import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridcare.config.LineConfig;
import org.gridcare.platform.domain.DomainException;

/**
 * Each line's wallboard alert thresholds: the configured ones ({@code lines[].alerts}) unless a supervisor changed
 * them, in the Redis hash {@value #KEY} (field: line id), so every instance shows the same thresholds.
 */
public final class AlertThresholds {
  static final String KEY = "wallboard:alerts";

  private final Vertx vertx;
  private final StatefulRedisConnection<String, String> redis;
  private final Map<Integer, JsonObject> configured = new LinkedHashMap<>();

  public AlertThresholds(Vertx vertx, StatefulRedisConnection<String, String> redis, Iterable<LineConfig> lines) {
    this.vertx = vertx;
    this.redis = redis;
    for (LineConfig l : lines) {
      configured.put(l.id(), new JsonObject().put("maxWaiting", l.alerts().maxWaiting())
          .put("maxLongestWaitSeconds", l.alerts().maxLongestWait().toSeconds())
          .put("minServiceLevel", l.alerts().minServiceLevel()));
    }
  }

  /** The thresholds of every configured line, by line id. */
  public Future<Map<Integer, JsonObject>> all() {
    return Future.fromCompletionStage(redis.async().hgetall(KEY), vertx.getOrCreateContext()).map(stored -> {
      Map<Integer, JsonObject> out = new LinkedHashMap<>();
      configured.forEach((line, json) -> {
        String changed = stored.get(String.valueOf(line));
        out.put(line, changed == null ? json.copy() : new JsonObject(changed));
      });
      return out;
    });
  }

  /** Replaces a line's thresholds; returns them. */
  public Future<JsonObject> set(int line, JsonObject thresholds) {
    if (!configured.containsKey(line)) {
      return Future.failedFuture(DomainException.notFound("unknown-line", "No line " + line));
    }
    JsonObject value = new JsonObject().put("maxWaiting", thresholds.getInteger("maxWaiting"))
        .put("maxLongestWaitSeconds", thresholds.getLong("maxLongestWaitSeconds"))
        .put("minServiceLevel", thresholds.getDouble("minServiceLevel"));
    return Future.fromCompletionStage(redis.async().hset(KEY, String.valueOf(line), value.encode()),
        vertx.getOrCreateContext()).map(value);
  }
}
