package org.gridcare.server.wallboard;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole centre's live events on every instance: each instance publishes its own ACD events (and alert threshold
 * changes) to the Redis channel {@value #CHANNEL}, and relays everything it receives there, its own included, to the
 * local event-bus address {@value #ADDRESS} as {@code {type, data}}. Wallboard streams listen on that address only,
 * so a browser connected to any instance sees what every instance's ACD did, once.
 */
public final class WallboardFeed {
  public static final String CHANNEL = "wallboard:events";
  public static final String ADDRESS = "wallboard.events";
  private static final Logger LOG = LoggerFactory.getLogger(WallboardFeed.class);

  private final Vertx vertx;
  private final StatefulRedisConnection<String, String> redis;
  private final StatefulRedisPubSubConnection<String, String> subscription;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  private WallboardFeed(Vertx vertx, StatefulRedisConnection<String, String> redis,
      StatefulRedisPubSubConnection<String, String> subscription) {
    this.vertx = vertx;
    this.redis = redis;
    this.subscription = subscription;
  }

  /**
   * Subscribes to Redis, then forwards the local event-bus addresses in {@code sources} (address → event type).
   * Completes once the subscription is active, so nothing published afterwards is missed.
   */
  public static Future<WallboardFeed> start(Vertx vertx, RedisClient client, StatefulRedisConnection<String, String> redis,
      Map<String, String> sources) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(client::connectPubSub).compose(sub -> {
      WallboardFeed feed = new WallboardFeed(vertx, redis, sub);
      sub.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
          context.runOnContext(v -> feed.deliver(message));
        }
      });
      return Future.fromCompletionStage(sub.async().subscribe(CHANNEL), context)
          .map(v -> {
            sources.forEach((address, type) -> feed.consumers.add(vertx.eventBus().<JsonObject>localConsumer(address,
                m -> feed.publish(type, m.body()))));
            return feed;
          });
    });
  }

  /** Shares one event with every instance (this one included). */
  public Future<Void> publish(String type, JsonObject data) {
    String message = new JsonObject().put("type", type).put("data", data).encode();
    return Future.fromCompletionStage(redis.async().publish(CHANNEL, message), vertx.getOrCreateContext()).mapEmpty();
  }

  private void deliver(String message) {
    try {
      vertx.eventBus().publish(ADDRESS, new JsonObject(message));
    } catch (RuntimeException e) {
      LOG.warn("ignored a malformed wallboard event: {}", e.toString());
    }
  }

  public Future<Void> close() {
    consumers.forEach(MessageConsumer::unregister);
    return Future.fromCompletionStage(subscription.closeAsync(), vertx.getOrCreateContext()).mapEmpty();
  }
}
