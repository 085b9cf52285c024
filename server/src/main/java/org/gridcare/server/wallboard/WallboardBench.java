package org.gridcare.server.wallboard;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gridcare.acd.app.Acd;

/**
 * Wallboard fan-out: {@code clients} SSE streams ({@code /api/wallboard/stream}) on a running server, then
 * {@code changes} operator state changes one after the other; for each, the time from the ACD call to the event's
 * arrival on every stream. The same run with one stream is the baseline (the cost of the path itself: ACD, journal,
 * Redis pub/sub, SSE), so the ratio shows what fanning out to many adds.
 */
public final class WallboardBench {
  private final Vertx clientVertx;
  private final int port;
  private final String token;
  private final Acd acd;
  private final String operatorId;

  /** {@code operatorId} must be logged in, with no other operator changing state during the run. */
  public WallboardBench(Vertx clientVertx, int port, String token, Acd acd, String operatorId) {
    this.clientVertx = clientVertx;
    this.port = port;
    this.token = token;
    this.acd = acd;
    this.operatorId = operatorId;
  }

  /** One measured run; blocking (call it off any event loop). */
  public JsonObject run(int clients, int changes) throws Exception {
    HttpClient http = clientVertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port), new PoolOptions().setHttp1MaxSize(clients + 10));
    List<Long> samples = Collections.synchronizedList(new ArrayList<>());
    ConcurrentHashMap<Integer, AtomicInteger> arrived = new ConcurrentHashMap<>();
    ConcurrentHashMap<Integer, CompletableFuture<Void>> allArrived = new ConcurrentHashMap<>();
    long[] started = new long[changes];
    List<Future<Void>> connected = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Promise<Void> open = Promise.promise();
      connected.add(open.future());
      int[] seen = {0};
      StringBuilder pending = new StringBuilder();
      http.request(HttpMethod.GET, "/api/wallboard/stream?access_token=" + token)
          .compose(req -> req.send())
          .onSuccess(resp -> resp.handler((Buffer chunk) -> {
            long now = System.nanoTime();
            pending.append(chunk.toString());
            int end;
            while ((end = pending.indexOf("\n\n")) >= 0) {
              String event = pending.substring(0, end);
              pending.delete(0, end + 2);
              if (event.startsWith(": connected")) {
                open.tryComplete();
              } else if (event.startsWith("event: operator-state")) {
                int k = seen[0]++;
                if (k < changes) {
                  samples.add(now - started[k]);
                  if (arrived.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet() == clients) {
                    allArrived.computeIfAbsent(k, x -> new CompletableFuture<>()).complete(null);
                  }
                }
              }
            }
          }))
          .onFailure(open::tryFail);
    }
    Future.all(connected).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    for (int k = 0; k < changes; k++) {
      started[k] = System.nanoTime();
      Future<?> change = k % 2 == 0 ? acd.notReady(operatorId, "break") : acd.ready(operatorId);
      change.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      allArrived.computeIfAbsent(k, x -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
    }
    http.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
    return new JsonObject().put("clients", clients).put("changes", changes).put("deliveries", sorted.length)
        .put("p50_ms", millis(sorted, 0.50)).put("p99_ms", millis(sorted, 0.99))
        .put("max_ms", millis(sorted, 1.0));
  }

  private static double millis(long[] sorted, double q) {
    long v = sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(sorted.length * q) - 1))];
    return Math.round(v / 10_000.0) / 100.0;
  }
}
