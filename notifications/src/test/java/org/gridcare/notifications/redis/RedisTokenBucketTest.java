package org.gridcare.notifications.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

@RealServers
class RedisTokenBucketTest {

  /** Takes {@code n} tokens one after another, recording when each was granted. */
  static Future<Void> take(RedisTokenBucket bucket, int n, ConcurrentLinkedQueue<Long> grants) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < n; i++) {
      chain = chain.compose(v -> bucket.acquire()).map(v -> {
        grants.add(System.nanoTime());
        return null;
      });
    }
    return chain;
  }

  @Test
  void twoSendersWithTheirOwnConnectionsShareOneRate(Vertx vertx, StorageSettings settings) throws Exception {
    double rate = 200;
    RedisClient client = RedisClient.create(settings.redisUrl());
    try (var a = client.connect(); var b = client.connect()) {
      RedisTokenBucket first = new RedisTokenBucket(vertx, a, "shared", rate, 10);
      RedisTokenBucket second = new RedisTokenBucket(vertx, b, "shared", rate, 10);
      ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
      long start = System.nanoTime();
      Future.all(take(first, 300, grants), take(second, 300, grants))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      double elapsed = (System.nanoTime() - start) / 1e9;

      assertThat(grants).hasSize(600);
      // An empty bucket to start with: 600 tokens cannot be had in less than 600 / rate seconds. (How close to the
      // rate it gets is the SMS benchmark's business; here only that two takers are not starved.)
      assertThat(600 / elapsed).isLessThanOrEqualTo(rate * 1.01).isGreaterThan(rate * 0.5);
      // No one-second window holds more than the rate plus the burst.
      List<Long> sorted = new ArrayList<>(grants);
      sorted.sort(Long::compare);
      int maxInWindow = 0;
      for (int i = 0, j = 0; i < sorted.size(); i++) {
        while (sorted.get(i) - sorted.get(j) >= 1_000_000_000L) {
          j++;
        }
        maxInWindow = Math.max(maxInWindow, i - j + 1);
      }
      assertThat(maxInWindow).isLessThanOrEqualTo((int) rate + 10);
    } finally {
      client.shutdown();
    }
  }
}
