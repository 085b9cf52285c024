package org.gridcare.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.gridcare.reports.bench.ReportsBench;
import org.gridcare.reports.domain.Report;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** The report benchmark on a small generated year: rows loaded by COPY, every report timed, one JSON result. */
@RealServers
class ReportsBenchTest {

  @Test
  void loadsTheRowsAndTimesEveryReport(Vertx vertx, StorageSettings settings) throws Exception {
    Storage storage = Storage.start(vertx, settings).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    // the CRM's and notifications' tables two reports read (their modules are not on this module's classpath)
    storage.pool().query("CREATE TABLE IF NOT EXISTS crm_ticket (id bigserial PRIMARY KEY, topic text, status text, "
        + "line int, created_at timestamptz, updated_at timestamptz); "
        + "CREATE TABLE IF NOT EXISTS crm_ticket_transition (id bigserial PRIMARY KEY, ticket_id bigint, "
        + "from_status text, to_status text, at timestamptz); "
        + "CREATE TABLE IF NOT EXISTS notify_outage (id uuid PRIMARY KEY, kind text, state text); "
        + "CREATE TABLE IF NOT EXISTS notify_campaign (id uuid PRIMARY KEY, outage_id uuid); "
        + "CREATE TABLE IF NOT EXISTS notify_survey_campaign (id uuid PRIMARY KEY, title text, survey text, line int)")
        .execute()
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    JsonObject result = ReportsBench.run(vertx, storage.pool(), "jdbc:" + settings.postgresUrl(),
        settings.postgresUser(), settings.postgresPassword(), 20_000, 1)
        .toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
    assertThat(result.getLong("rows")).isGreaterThanOrEqualTo(20_000);
    long counted = storage.pool().query("SELECT count(*) FROM journal").execute().toCompletionStage()
        .toCompletableFuture().get(30, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(counted).isEqualTo(result.getLong("rows"));
    assertThat(result.getJsonObject("p95_ms").fieldNames()).hasSize(Report.values().length);
    assertThat(result.getLong("max_p95_ms")).isPositive();
    storage.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
