package org.gridcare.server.auth;

import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Bearer tokens in Redis ({@code auth:session:<token>} → identity, with the session TTL), so every server instance
 * accepts every session and expiry needs no sweeper. A user's tokens are also indexed to end them all on disable.
 */
public final class RedisSessions {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Vertx vertx;
  private final StatefulRedisConnection<String, String> redis;
  private final Duration ttl;

  public RedisSessions(Vertx vertx, StatefulRedisConnection<String, String> redis, Duration ttl) {
    this.vertx = vertx;
    this.redis = redis;
    this.ttl = ttl;
  }

  public record Session(String token, Instant expiresAt, Identity identity) {}

  public Future<Session> open(Identity identity) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expires = Instant.now().plus(ttl);
    var async = redis.async();
    return Future.fromCompletionStage(
            async.setex(key(token), ttl.toSeconds(), identity.toJson().encode())
                .thenCompose(ok -> async.sadd(userKey(identity.username()), token))
                .thenCompose(n -> async.expire(userKey(identity.username()), ttl.toSeconds())),
            vertx.getOrCreateContext())
        .map(ok -> new Session(token, expires, identity));
  }

  public Future<Optional<Identity>> find(String token) {
    return Future.fromCompletionStage(redis.async().get(key(token)), vertx.getOrCreateContext())
        .map(json -> json == null ? Optional.empty() : Optional.of(Identity.fromJson(new JsonObject(json))));
  }

  public Future<Void> close(String token) {
    return Future.fromCompletionStage(redis.async().del(key(token)), vertx.getOrCreateContext()).mapEmpty();
  }

  /** Ends every session of a user (disable, role change). */
  public Future<Void> closeAll(String username) {
    var async = redis.async();
    return Future.fromCompletionStage(
            async.smembers(userKey(username)).thenCompose(tokens -> {
              String[] keys = tokens.stream().map(RedisSessions::key).toArray(String[]::new);
              return keys.length == 0 ? async.del(userKey(username)) : async.del(keys).thenCompose(n -> async.del(userKey(username)));
            }),
            vertx.getOrCreateContext())
        .mapEmpty();
  }

  private static String key(String token) {
    return "auth:session:" + token;
  }

  private static String userKey(String username) {
    return "auth:user-sessions:" + username;
  }
}
