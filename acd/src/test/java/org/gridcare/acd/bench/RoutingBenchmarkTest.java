package org.gridcare.acd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * The routing benchmark on the real Redis, small. {@code -Dacd.bench=standard} runs the shipped figures (10,000
 * calls, 2,000 operators, quick duration) and prints the JSON line.
 */
@RealServers
class RoutingBenchmarkTest {

  @Test
  void measuresAssignmentsAgainstRawRoundTripsAndKeepsTheQueueFull(Vertx vertx, StorageSettings settings) throws Exception {
    RedisClient client = RedisClient.create(settings.redisUrl());
    try (var connection = client.connect()) {
      boolean standard = "standard".equals(System.getProperty("acd.bench"));
      RoutingBenchmark bench = standard ? RoutingBenchmark.standard(vertx, connection, true)
          : new RoutingBenchmark(vertx, connection, 600, 120, Duration.ofSeconds(2));
      JsonObject result = bench.run();
      System.out.println("bench acd: " + result.encode());
      assertThat(result.getLong("assignments")).isPositive();
      assertThat(result.getLong("assignments_per_s")).isPositive();
      assertThat(result.getLong("redis_roundtrips_per_s")).isPositive();
      assertThat(result.getDouble("p99_ms")).isGreaterThanOrEqualTo(result.getDouble("p50_ms"));
      assertThat(connection.sync().hlen("acd:waiting")).as("every assigned call was replaced")
          .isEqualTo(standard ? 10_000 : 600);
      assertThat(connection.sync().hlen("acd:live")).isZero();
    } finally {
      client.shutdown();
    }
  }
}
