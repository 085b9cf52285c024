package org.gridcare.server.auth;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;

/**
 * Login rate limits in Redis, so they hold across server instances: every attempt counts against its username
 * ({@code auth:login:account:<name>}), every failed attempt against the client address ({@code auth:login:ip:<addr>}),
 * each in a fixed window that starts with its first count. Failures count per address rather than every attempt so a
 * shift of operators signing in behind one NAT address is not refused.
 */
public final class RedisLoginThrottle {
  /** INCR with the window set on the first count; returns the count. */
  private static final String COUNT = "local n = redis.call('INCR', KEYS[1]) "
      + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n";
  public static final String TOO_MANY = "too-many-logins";
  private final Vertx vertx;
  private final StatefulRedisConnection<String, String> redis;
  private final int perAccount;
  private final int perAddress;
  private final Duration window;

  public RedisLoginThrottle(Vertx vertx, StatefulRedisConnection<String, String> redis, int perAccount, int perAddress,
      Duration window) {
    this.vertx = vertx;
    this.redis = redis;
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.window = window;
  }

  /** Counts an attempt; fails with {@code too-many-logins} when the account or the address is over its limit. */
  public Future<Void> admit(String username, String address) {
    var async = redis.async();
    return Future.fromCompletionStage(async.get(addressKey(address)), vertx.getOrCreateContext()).compose(failures -> {
      if (failures != null && Long.parseLong(failures) >= perAddress) {
        return refused(addressKey(address));
      }
      return count(accountKey(username)).compose(n -> n > perAccount ? refused(accountKey(username)) : Future.succeededFuture());
    });
  }

  public Future<Void> failed(String address) {
    return count(addressKey(address)).mapEmpty();
  }

  /** Forgets the username's attempts (an admin unlocked the account). */
  public Future<Void> reset(String username) {
    return Future.fromCompletionStage(redis.async().del(accountKey(username)), vertx.getOrCreateContext()).mapEmpty();
  }

  private Future<Long> count(String key) {
    return Future.fromCompletionStage(redis.async().<Long>eval(COUNT, ScriptOutputType.INTEGER, new String[] {key},
        String.valueOf(window.toMillis())), vertx.getOrCreateContext());
  }

  private Future<Void> refused(String key) {
    return Future.fromCompletionStage(redis.async().pttl(key), vertx.getOrCreateContext()).compose(ms -> {
      long seconds = Math.max(1, (ms == null || ms < 0 ? window.toMillis() : ms) / 1000);
      return Future.failedFuture(new DomainException(ErrorKind.UNAVAILABLE, TOO_MANY,
          "Too many login attempts; try again in " + seconds + " s", Map.of("retryAfterSeconds", seconds)));
    });
  }

  private static String accountKey(String username) {
    return "auth:login:account:" + username.toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "auth:login:ip:" + address;
  }
}
