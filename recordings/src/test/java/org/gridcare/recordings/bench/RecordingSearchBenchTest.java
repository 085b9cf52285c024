package org.gridcare.recordings.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.recordings.Await.ok;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.gridcare.recordings.pg.PgRecordings;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

@RealServers
class RecordingSearchBenchTest {

  @Test
  void theBenchSeedsSearchesAndReportsP95(Vertx vertx, StorageSettings settings) throws Exception {
    Storage storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
    try {
      // -Dbench.rows=1000000 for the full-size run (the result is written to the test output).
      JsonObject result = RecordingSearchBench.run(storage.pool(), new PgRecordings(storage.pool(), storage.audit()),
          Integer.getInteger("bench.rows", 20_000), 60).await(10, TimeUnit.MINUTES);
      assertThat(result.getInteger("rows")).isEqualTo(Integer.getInteger("bench.rows", 20_000));
      System.out.println(result.encode());
      assertThat(result.getInteger("queries")).isEqualTo(60);
      assertThat(result.getDouble("search_p95_ms")).isPositive().isGreaterThanOrEqualTo(result.getDouble("search_p50_ms"));
      long seeded = ok(storage.pool().query("SELECT count(*) FROM rec_recording WHERE call_id LIKE 'bench-%'").execute())
          .iterator().next().getLong(0);
      assertThat(seeded).isEqualTo(Integer.getInteger("bench.rows", 20_000).longValue());
      // The operator filter is served by its index, not a scan of the table.
      StringBuilder plan = new StringBuilder();
      ok(storage.pool().query("EXPLAIN SELECT id FROM rec_recording WHERE operator_id = 'op1001' "
          + "ORDER BY started_at DESC, id DESC LIMIT 50").execute()).forEach(r -> plan.append(r.getString(0)).append('\n'));
      assertThat(plan.toString()).contains("rec_recording_operator");
    } finally {
      storage.close().await(30, TimeUnit.SECONDS);
    }
  }
}
