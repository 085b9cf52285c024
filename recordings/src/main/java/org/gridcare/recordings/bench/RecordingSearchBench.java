package org.gridcare.recordings.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.RecordingQuery;
import org.gridcare.recordings.pg.PgRecordings;

/**
 * Recording search over many rows: seeds {@code rows} recordings (call ids {@code bench-N}, spread over 200
 * operators, three lines, a year) with one SQL statement, analyses the table, then runs {@code queries} searches with
 * the filters operators and supervisors use (operator + week, line + minimum duration, customer phone, customer,
 * direction + day, newest page) and reports the 95th percentile. Run it against a scratch database.
 */
public final class RecordingSearchBench {
  private RecordingSearchBench() {}

  public static Future<JsonObject> run(Pool pool, PgRecordings catalog, int rows, int queries) {
    Instant now = Instant.now();
    return pool.preparedQuery("INSERT INTO rec_recording (id, call_id, started_at, ended_at, direction, line, operator_id, "
            + "customer_phone, customer_id, format, size_bytes, duration_ms, status) "
            + "SELECT gen_random_uuid(), 'bench-' || g, $1::timestamptz - make_interval(secs => (g * 31.0) % 31536000), "
            + "$1::timestamptz - make_interval(secs => (g * 31.0) % 31536000) + make_interval(secs => (g * 7919) % 900), "
            + "CASE WHEN g % 5 = 0 THEN 'outbound' ELSE 'inbound' END, 1 + g % 3, 'op' || (1000 + g % 200), "
            + "'+4790' || lpad((g % 50000)::text, 6, '0'), (g % 100000)::text, 'wav', ((g * 7919) % 900) * 16000, "
            + "((g * 7919) % 900) * 1000, 'stored' FROM generate_series(1::bigint, $2::bigint) g ON CONFLICT (call_id) DO NOTHING")
        .execute(Tuple.of(now.atOffset(java.time.ZoneOffset.UTC), rows))
        .compose(v -> pool.query("ANALYZE rec_recording").execute())
        .compose(v -> measure(catalog, now, queries))
        .map(latencies -> {
          Collections.sort(latencies);
          double p95 = latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1) / 1e6;
          double p50 = latencies.get(latencies.size() / 2) / 1e6;
          return new JsonObject().put("rows", rows).put("queries", latencies.size())
              .put("search_p50_ms", Math.round(p50 * 100) / 100.0).put("search_p95_ms", Math.round(p95 * 100) / 100.0);
        });
  }

  private static Future<List<Long>> measure(PgRecordings catalog, Instant now, int queries) {
    Random rnd = new Random(42);
    List<Long> latencies = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < queries; i++) {
      RecordingQuery q = query(i % 6, rnd, now);
      chain = chain.compose(v -> {
        long t0 = System.nanoTime();
        return catalog.search(q).map(list -> {
          latencies.add(System.nanoTime() - t0);
          return null;
        });
      });
    }
    return chain.map(v -> latencies);
  }

  private static RecordingQuery query(int kind, Random rnd, Instant now) {
    Instant day = now.minus(Duration.ofDays(rnd.nextInt(360)));
    switch (kind) {
      case 0:
        return new RecordingQuery(day.minus(Duration.ofDays(7)), day, null, null, "op" + (1000 + rnd.nextInt(200)), null,
            null, null, null, null, null, null, 50);
      case 1:
        return new RecordingQuery(null, null, 1 + rnd.nextInt(3), null, null, null, null, null, null, 600_000L, null,
            null, 50);
      case 2:
        return new RecordingQuery(null, null, null, null, null, String.format("+4790%06d", rnd.nextInt(50000)), null,
            null, null, null, null, null, 50);
      case 3:
        return new RecordingQuery(null, null, null, null, null, null, String.valueOf(rnd.nextInt(100000)), null, null,
            null, null, null, 50);
      case 4:
        return new RecordingQuery(day.minus(Duration.ofDays(1)), day, null, List.of(1, 2), null, null, null, null,
            Direction.OUTBOUND, null, null, null, 50);
      default:
        return RecordingQuery.all(50);
    }
  }
}
