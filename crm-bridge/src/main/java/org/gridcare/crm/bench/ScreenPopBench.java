package org.gridcare.crm.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.gridcare.crm.app.ScreenPop;
import org.gridcare.crm.domain.CustomerDraft;

/**
 * Screen-pop latency under a steady offer rate: one card build per offer ({@code offersPerSecond}, default 50), for
 * callers picked at random among {@code callers} (known customers' numbers), {@code offers} in total; reports p50,
 * p99 and the slowest. The CRM must hold the customers first ({@link org.gridcare.crm.CrmModule#loadSampleData}).
 */
public final class ScreenPopBench {
  private ScreenPopBench() {}

  public static Future<JsonObject> run(Vertx vertx, ScreenPop pop, List<CustomerDraft> callers, int offersPerSecond,
      int offers) {
    Random rnd = new Random(7);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Promise<JsonObject> done = Promise.promise();
    long period = Math.max(1, 1000 / offersPerSecond);
    int[] sent = {0};
    int[] finished = {0};
    int[] failed = {0};
    vertx.setPeriodic(period, timer -> {
      if (sent[0] >= offers) {
        vertx.cancelTimer(timer);
        return;
      }
      sent[0]++;
      CustomerDraft c = callers.get(rnd.nextInt(callers.size()));
      long t0 = System.nanoTime();
      pop.card(c.phones().get(0).e164()).onComplete(ar -> {
        if (ar.succeeded() && ar.result().customer().isPresent()) {
          latencies.add(System.nanoTime() - t0);
        } else {
          failed[0]++;
        }
        if (++finished[0] == offers) {
          done.complete(summary(latencies, offersPerSecond, failed[0]));
        }
      });
    });
    return done.future();
  }

  private static JsonObject summary(List<Long> latencies, int rate, int failed) {
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return new JsonObject().put("offers", 0).put("failed", failed);
    }
    return new JsonObject().put("offers", sorted.size()).put("rate_per_s", rate).put("failed", failed)
        .put("p50_ms", ms(sorted.get(sorted.size() / 2)))
        .put("p99_ms", ms(sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1)))
        .put("max_ms", ms(sorted.get(sorted.size() - 1)));
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }
}
