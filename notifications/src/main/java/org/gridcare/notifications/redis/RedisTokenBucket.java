package org.gridcare.notifications.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.gridcare.notifications.app.RateLimiter;

/**
 * A token bucket in one Redis hash, refilled at {@code ratePerSecond} up to {@code burst} tokens, taken atomically by
 * a Lua script on Redis's own clock, so every instance shares one budget and their clocks do not matter. When the
 * bucket is empty the script says how long until the next token, and the caller waits that long on a timer. A new
 * bucket starts empty, so a run never exceeds the rate; the burst only absorbs timer lateness (a waiter that wakes
 * late finds the tokens that accrued meanwhile), which keeps the achieved rate close to the limit.
 */
public final class RedisTokenBucket implements RateLimiter {
  // KEYS[1] bucket; ARGV[1] tokens per second, ARGV[2] burst. Returns 0 when a token was taken, else the wait in µs.
  static final String SCRIPT = """
      local rate = tonumber(ARGV[1])
      local burst = tonumber(ARGV[2])
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
      local tokens = tonumber(state[1]) or 0
      local at = tonumber(state[2]) or now
      if now > at then
        tokens = math.min(burst, tokens + (now - at) * rate / 1000000)
      end
      local wait = 0
      if tokens >= 1 then
        tokens = tokens - 1
      else
        wait = math.ceil((1 - tokens) * 1000000 / rate)
      end
      redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
      redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 60000)
      return wait
      """;

  private final Vertx vertx;
  private final StatefulRedisConnection<String, String> redis;
  private final String key;
  private final String rate;
  private final String burst;
  private final String sha;

  /** @param burst tokens that may be taken at once after a quiet period (1 keeps the rate strict) */
  public RedisTokenBucket(Vertx vertx, StatefulRedisConnection<String, String> redis, String name, double ratePerSecond,
      double burst) {
    if (ratePerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    this.vertx = vertx;
    this.redis = redis;
    this.key = "notify:rate:" + name;
    this.rate = Double.toString(ratePerSecond);
    this.burst = Double.toString(burst);
    this.sha = sha1(SCRIPT);
  }

  @Override
  public Future<Void> acquire() {
    Context context = vertx.getOrCreateContext();
    Promise<Void> granted = Promise.promise();
    attempt(context, granted);
    return granted.future();
  }

  private void attempt(Context context, Promise<Void> granted) {
    String[] keys = {key};
    Future.fromCompletionStage(redis.async().<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, rate, burst), context)
        .recover(e -> e instanceof RedisNoScriptException // first use on this server: EVAL also caches it
            ? Future.fromCompletionStage(redis.async().<Long>eval(SCRIPT, ScriptOutputType.INTEGER, keys, rate, burst),
                context)
            : Future.failedFuture(e))
        .onFailure(granted::fail)
        .onSuccess(waitMicros -> {
          if (waitMicros == 0) {
            granted.complete();
          } else {
            vertx.setTimer(Math.max(1, (waitMicros + 999) / 1000), id -> attempt(context, granted));
          }
        });
  }

  private static String sha1(String script) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
