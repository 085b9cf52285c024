package org.gridcare.desktop.redis;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcare.desktop.app.DeskStates;

/**
 * The desktop's call-control state in Redis: one key per entry, {@code desktop:state:<kind>:<key>} holding the JSON,
 * with a time to live so an entry a crash left behind (its call long over) goes by itself. A transfer's outside
 * number is kept for the consultation only.
 */
public final class RedisDeskStates implements DeskStates {
  static final String PREFIX = "desktop:state:";
  /** Longer than any call; an entry is removed when its call ends, this only bounds what a crash leaves. */
  static final Duration TTL = Duration.ofHours(12);
  private final Context context;
  private final StatefulRedisConnection<String, String> redis;

  public RedisDeskStates(Vertx vertx, StatefulRedisConnection<String, String> redis) {
    this.context = vertx.getOrCreateContext();
    this.redis = redis;
  }

  @Override
  public Future<Map<String, JsonObject>> all(String kind) {
    String prefix = PREFIX + kind + ":";
    return scan(prefix + "*", ScanCursor.INITIAL, new java.util.ArrayList<>()).compose(keys -> {
      if (keys.isEmpty()) {
        return Future.succeededFuture(Map.of());
      }
      return Future.fromCompletionStage(redis.async().mget(keys.toArray(String[]::new)), context).map(values -> {
        Map<String, JsonObject> out = new HashMap<>();
        values.forEach(kv -> kv.ifHasValue(v -> out.put(kv.getKey().substring(prefix.length()), new JsonObject(v))));
        return out;
      });
    });
  }

  private Future<List<String>> scan(String match, ScanCursor cursor, List<String> found) {
    return Future.fromCompletionStage(redis.async().scan(cursor, ScanArgs.Builder.matches(match).limit(500)), context)
        .compose(page -> {
          found.addAll(page.getKeys());
          return page.isFinished() ? Future.succeededFuture(found) : scan(match, page, found);
        });
  }

  @Override
  public Future<Void> put(String kind, String key, JsonObject value) {
    return Future.fromCompletionStage(redis.async().setex(PREFIX + kind + ":" + key, TTL.toSeconds(), value.encode()),
        context).mapEmpty();
  }

  @Override
  public Future<Void> remove(String kind, String key) {
    return Future.fromCompletionStage(redis.async().del(PREFIX + kind + ":" + key), context).mapEmpty();
  }
}
