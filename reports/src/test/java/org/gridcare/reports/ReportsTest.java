package org.gridcare.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.reports.http.HttpReportsRoutes;
import org.gridcare.reports.pg.PgReports;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.gridcare.testsupport.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every report over a hand-made morning of journal facts (08:00-10:00 UTC, hourly), through the HTTP API with the
 * contract's validation, the line scope and CSV. The expected figures are worked out by hand in the comments.
 */
@RealServers
class ReportsTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
  private static Vertx vertx;
  private static Storage storage;
  private static HttpServer server;
  private static WebClient http;

  @BeforeAll
  static void seed(StorageSettings settings) throws Exception {
    vertx = Vertx.vertx();
    storage = await(Storage.start(vertx, settings));
    // the CRM's and notifications' tables these reports read (their modules are not on this module's classpath)
    await(storage.pool().query("CREATE TABLE IF NOT EXISTS crm_ticket (id bigserial PRIMARY KEY, topic text, status text, "
        + "line int, created_at timestamptz, updated_at timestamptz)").execute());
    await(storage.pool().query("CREATE TABLE IF NOT EXISTS notify_outage (id uuid PRIMARY KEY, kind text, state text)").execute());
    await(storage.pool().query("CREATE TABLE IF NOT EXISTS notify_campaign (id uuid PRIMARY KEY, outage_id uuid)").execute());
    await(storage.pool().query("INSERT INTO crm_ticket (topic, status, line, created_at, updated_at) VALUES "
        + "('complaint', 'new', 1, '2026-11-25T08:10:00Z', '2026-11-25T08:10:00Z'), "
        + "('complaint', 'resolved', 1, '2026-11-25T08:20:00Z', '2026-11-25T10:20:00Z'), "
        + "('suggestion', 'new', 2, '2026-11-25T09:10:00Z', '2026-11-25T09:10:00Z'), "
        + "('billing', 'new', 1, '2026-11-25T08:10:00Z', '2026-11-25T08:10:00Z')").execute());
    await(storage.pool().query("CREATE TABLE IF NOT EXISTS crm_ticket_transition (id bigserial PRIMARY KEY, "
        + "ticket_id bigint, from_status text, to_status text, at timestamptz)").execute());
    // the resolved complaint was resolved at 10:20
    await(storage.pool().query("INSERT INTO crm_ticket_transition (ticket_id, from_status, to_status, at) "
        + "SELECT id, 'new', 'resolved', '2026-11-25T10:20:00Z' FROM crm_ticket WHERE status = 'resolved'").execute());
    await(storage.pool().query("INSERT INTO notify_outage VALUES ('00000000-0000-0000-0000-00000000000a', 'UNPLANNED', 'ACTIVE'); "
        + "INSERT INTO notify_campaign VALUES ('00000000-0000-0000-0000-0000000000c1', '00000000-0000-0000-0000-00000000000a')").execute());
    for (JournalEntry e : morning()) {
      await(storage.journal().append(e));
    }
    PgReports reports = new PgReports(storage.pool(), ZONE, Map.of(1, 20, 2, 60, 3, 120),
        Map.of("op1001", List.of(1), "op2001", List.of(2)));
    server = await(TestApi.start(vertx, HttpReportsRoutes.FRAGMENT, new HttpReportsRoutes(reports, ZONE)));
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.actualPort()));
  }

  @AfterAll
  static void close() throws Exception {
    await(storage.close());
    await(vertx.close());
  }

  private static Instant t(String hhmmss) {
    return Instant.parse("2026-11-25T" + hhmmss + "Z");
  }

  private static JournalEntry e(String type, String at, String call, Integer line, String op, Map<String, Object> data) {
    return JournalEntry.of(type).at(t(at)).call(call).line(line).operator(op).data(data);
  }

  /** A fact on line 3 two days before the morning. */
  private static JournalEntry e23(String type, String at, String call, String op, Map<String, Object> data) {
    return JournalEntry.of(type).at(Instant.parse("2026-11-23T" + at + "Z")).call(call).line(3).operator(op).data(data);
  }

  private static List<JournalEntry> morning() {
    return List.of(
        // c1, c2: routed to line 1 by the IVR, answered by op1001 (15 s: in time; 60 s: late), completed
        e("ivr.completed", "08:00:30", "c1", 1, null, Map.of("ending", "transferred", "durationMs", 30000)),
        e("ivr.step", "08:00:10", "c1", null, null, Map.of("node", "main")),
        e("acd.call.queued", "08:00:30", "c1", 1, null, Map.of()),
        e("acd.call.answered", "08:00:45", "c1", 1, "op1001", Map.of("waitedMs", 15000)),
        e("acd.call.completed", "08:05:00", "c1", 1, "op1001", Map.of("talkMs", 240000, "wrapUpMs", 30000)),
        e("ivr.survey.answered", "08:06:00", "c1", null, null, Map.of("score", 5)),
        e("ivr.completed", "08:10:00", "c2", 1, null, Map.of("ending", "transferred", "durationMs", 20000)),
        e("ivr.step", "08:09:50", "c2", null, null, Map.of("node", "main")),
        e("acd.call.queued", "08:10:00", "c2", 1, null, Map.of()),
        e("acd.call.answered", "08:11:00", "c2", 1, "op1001", Map.of("waitedMs", 60000)),
        e("acd.call.completed", "08:20:00", "c2", 1, "op1001", Map.of("talkMs", 500000, "wrapUpMs", 20000)),
        e("ivr.survey.answered", "08:21:00", "c2", 1, "op1001", Map.of("score", 3)), // as the IVR journals it now
        // c3 served by the IVR; c4 hung up in the main menu
        e("ivr.completed", "08:20:00", "c3", null, null, Map.of("ending", "self-served", "durationMs", 40000)),
        e("ivr.step", "08:29:00", "c4", null, null, Map.of("node", "main")),
        e("ivr.step", "08:29:30", "c4", null, null, Map.of("node", "main")),
        e("ivr.completed", "08:30:00", "c4", null, null, Map.of("ending", "abandoned", "lastNode", "main",
            "durationMs", 10000)),
        // c5 abandons after 25 s, c6 after 125 s, c7 still waits at 10:00
        e("acd.call.queued", "08:40:00", "c5", 1, null, Map.of()),
        e("acd.call.abandoned", "08:40:25", "c5", 1, null, Map.of("waitedMs", 25000)),
        e("acd.call.queued", "09:05:00", "c6", 1, null, Map.of()),
        e("acd.call.abandoned", "09:07:05", "c6", 1, null, Map.of("waitedMs", 125000)),
        e("acd.call.queued", "09:10:00", "c7", 1, null, Map.of()),
        // c8 moved from line 1 to line 2, answered there in 30 s, completed in the 09:00 hour
        e("acd.call.queued", "08:50:00", "c8", 1, null, Map.of()),
        e("acd.call.transferred", "08:51:00", "c8", 2, null, Map.of("fromLine", 1)),
        e("acd.call.answered", "08:52:00", "c8", 2, "op2001", Map.of("waitedMs", 30000)),
        e("acd.call.completed", "09:10:00", "c8", 2, "op2001", Map.of("talkMs", 60000, "wrapUpMs", 60000)),
        // callbacks on line 1: c9 requested, dialled and kept; c10 requested and missed once
        e("acd.callback.requested", "08:15:00", "c9", 1, null, Map.of("waitedMs", 70000)),
        e("acd.callback.dialled", "08:45:00", "c9", 1, "op1001", Map.of()),
        e("acd.callback.connected", "08:45:10", "c9", null, "op1001", Map.of()),
        e("acd.callback.requested", "08:16:00", "c10", 1, null, Map.of("waitedMs", 70000)),
        e("acd.callback.missed", "08:50:00", "c10", 1, "op1001", Map.of("attempts", 1)),
        // op1001: ready since 07:00, on a call 08:30-09:00, wrap-up 09:00-09:30, then logged out
        e("acd.operator.state-changed", "07:00:00", null, null, "op1001", Map.of("from", "logged-out", "to", "ready")),
        e("acd.operator.state-changed", "08:30:00", null, null, "op1001", Map.of("from", "ready", "to", "on-call")),
        e("acd.operator.state-changed", "09:00:00", null, null, "op1001", Map.of("from", "on-call", "to", "wrap-up")),
        e("acd.operator.state-changed", "09:30:00", null, null, "op1001", Map.of("from", "wrap-up", "to", "logged-out")),
        e("acd.operator.state-changed", "08:00:00", null, null, "op2001", Map.of("from", "logged-out", "to", "ready")),
        // ticket T1 on line 2: created 08:00, in progress 08:30, resolved 09:30
        e("crm.ticket.transitioned", "08:00:00", null, 2, null, Map.of("ticket", "T1", "to", "new")),
        e("crm.ticket.transitioned", "08:30:00", null, 2, null, Map.of("ticket", "T1", "from", "new", "to", "in-progress")),
        e("crm.ticket.transitioned", "09:30:00", null, 2, null, Map.of("ticket", "T1", "from", "in-progress", "to", "resolved")),
        // outage notifications of campaign c1
        e("notify.sms.sent", "08:01:00", null, null, null, Map.of("campaign", "00000000-0000-0000-0000-0000000000c1")),
        e("notify.sms.sent", "08:01:00", null, null, null, Map.of("campaign", "00000000-0000-0000-0000-0000000000c1")),
        e("notify.sms.delivered", "08:02:00", null, null, null, Map.of("campaign", "00000000-0000-0000-0000-0000000000c1")),
        e("notify.sms.failed", "08:02:00", null, null, null, Map.of("campaign", "00000000-0000-0000-0000-0000000000c1")),
        e("notify.voice.completed", "08:03:00", null, null, null, Map.of("campaign", "00000000-0000-0000-0000-0000000000c1",
            "outcome", "ANSWERED", "final", true)),
        e("notify.voice.completed", "08:03:00", null, null, null, Map.of("campaign", "00000000-0000-0000-0000-0000000000c1",
            "outcome", "NO_ANSWER", "final", false)),
        e("notify.voice.completed", "08:33:00", null, null, null, Map.of("campaign", "00000000-0000-0000-0000-0000000000c1",
            "outcome", "NO_ANSWER", "final", true)));
  }

  private static final String ADMIN = "boss;admin;";
  private static final String RANGE = "from=2026-11-25T08:00:00Z&to=2026-11-25T10:00:00Z&interval=60m";

  private static JsonArray rows(String report, String user, String query) throws Exception {
    HttpResponse<Buffer> r = get("/api/reports/" + report + "?" + RANGE + query, user);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("rows");
  }

  private static HttpResponse<Buffer> get(String uri, String user) throws Exception {
    return await(http.get(uri).putHeader("X-Test-User", user).send());
  }

  /** The one row whose columns have these values. */
  private static JsonObject row(JsonArray rows, Object... keyValues) {
    return rows.stream().map(JsonObject.class::cast).filter(o -> {
      for (int i = 0; i < keyValues.length; i += 2) {
        Object want = keyValues[i + 1];
        Object got = o.getValue((String) keyValues[i]);
        if (want == null ? got != null : got == null || !want.toString().equals(got.toString())) {
          return false;
        }
      }
      return true;
    }).reduce((a, b) -> {
      throw new AssertionError("several rows match " + List.of(keyValues) + " in " + rows.encodePrettily());
    }).orElseThrow(() -> new AssertionError("no row " + List.of(keyValues) + " in " + rows.encodePrettily()));
  }

  private static final String H8 = "2026-11-25T09:00+01:00";
  private static final String H9 = "2026-11-25T10:00+01:00";

  @Test
  void requestsCountInboundOutboundClosedRoutedAndInProgressPerLine() throws Exception {
    JsonArray rows = rows("requests", ADMIN, "");
    assertThat(row(rows, "bucket", H8, "line", null).getMap()).containsEntry("inbound", 2).containsEntry("closed_in_ivr", 1);
    assertThat(row(rows, "bucket", H8, "line", 1).getMap()).containsEntry("inbound", 2).containsEntry("routed", 2)
        .containsEntry("closed_by_operator", 2).containsEntry("outbound", 1).containsEntry("in_progress", 0);
    assertThat(row(rows, "bucket", H9, "line", 1).getMap()).containsEntry("in_progress", 1); // c7 (c6 abandoned)
    assertThat(row(rows, "bucket", H9, "line", 2).getMap()).containsEntry("closed_by_operator", 1);
    assertThat(rows("requests", ADMIN, "&line=2").stream().map(o -> ((JsonObject) o).getInteger("line")))
        .containsOnly(2);
  }

  @Test
  void serviceLevelAsaAndAbandonmentWithTheTimeBeforeAbandoning() throws Exception {
    JsonArray rows = rows("service", ADMIN, "");
    // line 1, 08:00: c1 in 15 s (target 20 s), c2 in 60 s, c5 gave up after 25 s
    assertThat(row(rows, "bucket", H8, "line", 1).getMap()).containsEntry("answered", 2)
        .containsEntry("answered_in_time", 1).containsEntry("abandoned", 1).containsEntry("service_level_pct", 33.3)
        .containsEntry("asa_s", 37.5).containsEntry("abandon_rate_pct", 33.3).containsEntry("abandoned_10_30s", 1)
        .containsEntry("avg_wait_before_abandon_s", 25.0);
    assertThat(row(rows, "bucket", H9, "line", 1).getMap()).containsEntry("abandoned_over_120s", 1)
        .containsEntry("service_level_pct", 0.0);
    assertThat(row(rows, "bucket", H8, "line", 2).getMap()).containsEntry("service_level_pct", 100.0); // 30 s of 60
    JsonArray day = get("/api/reports/service?from=2026-11-25T08:00:00Z&to=2026-11-25T10:00:00Z&interval=all&line=1",
        ADMIN).bodyAsJsonObject().getJsonArray("rows");
    assertThat(day).hasSize(1);
    assertThat(day.getJsonObject(0).getMap()).containsEntry("bucket", "2026-11-25T09:00+01:00").containsEntry("answered", 2).containsEntry("abandoned", 2);
  }

  @Test
  void handlingTimesPerOperatorAndAfterATransfer() throws Exception {
    assertThat(row(rows("aht", ADMIN, ""), "bucket", H8, "operator", "op1001").getMap()).containsEntry("handled", 2)
        .containsEntry("avg_talk_s", 370.0).containsEntry("avg_wrap_up_s", 25.0).containsEntry("aht_s", 395.0);
    JsonArray after = rows("aht-after-transfer", ADMIN, "");
    assertThat(after).hasSize(1);
    assertThat(after.getJsonObject(0).getMap()).containsEntry("bucket", H9).containsEntry("from_line", 1)
        .containsEntry("line", 2).containsEntry("aht_s", 120.0);
  }

  @Test
  void aCallbackAttemptTheCustomerNeverAnsweredIsNeitherHandledNorClosed() throws Exception {
    // the day before, on line 2: c20 asked for a callback before the range; its first attempt rings out (the ACD
    // completes it with connected=false), the second one is a ten-minute conversation
    Map<String, Object> missed = Map.of("talkMs", 20000, "wrapUpMs", 60000, "survey", false, "connected", false);
    Map<String, Object> talked = Map.of("talkMs", 600000, "wrapUpMs", 60000, "survey", false, "connected", true);
    for (JournalEntry e : List.of(
        JournalEntry.of("acd.callback.requested").at(Instant.parse("2026-11-24T07:50:00Z")).call("c20").line(2),
        JournalEntry.of("acd.callback.dialled").at(Instant.parse("2026-11-24T08:00:00Z")).call("c20").line(2)
            .operator("op2001"),
        JournalEntry.of("acd.call.completed").at(Instant.parse("2026-11-24T08:00:20Z")).call("c20").line(2)
            .operator("op2001").data(missed),
        JournalEntry.of("acd.callback.missed").at(Instant.parse("2026-11-24T08:00:20Z")).call("c20").line(2)
            .operator("op2001").data(Map.of("attempts", 1, "retry", true)),
        JournalEntry.of("acd.callback.dialled").at(Instant.parse("2026-11-24T08:30:00Z")).call("c20").line(2)
            .operator("op2001"),
        JournalEntry.of("acd.callback.connected").at(Instant.parse("2026-11-24T08:30:15Z")).call("c20")
            .operator("op2001"),
        JournalEntry.of("acd.call.completed").at(Instant.parse("2026-11-24T08:40:00Z")).call("c20").line(2)
            .operator("op2001").data(talked))) {
      await(storage.journal().append(e));
    }
    String range = "?from=2026-11-24T08:00:00Z&to=2026-11-24T09:00:00Z&interval=all";
    JsonArray aht = get("/api/reports/aht" + range, ADMIN).bodyAsJsonObject().getJsonArray("rows");
    assertThat(row(aht, "operator", "op2001").getMap()).containsEntry("handled", 1).containsEntry("aht_s", 660.0);
    JsonArray requests = get("/api/reports/requests" + range, ADMIN).bodyAsJsonObject().getJsonArray("rows");
    assertThat(row(requests, "line", 2).getMap()).containsEntry("outbound", 2).containsEntry("closed_by_operator", 1);
    JsonArray callbacks = get("/api/reports/callbacks" + range, ADMIN).bodyAsJsonObject().getJsonArray("rows");
    assertThat(row(callbacks, "line", 2).getMap()).containsEntry("dialled", 2).containsEntry("kept", 1)
        .containsEntry("missed_attempts", 1);
  }

  @Test
  void aCallbackWaitingBetweenAttemptsIsInProgressUntilKeptOrGivenUp() throws Exception {
    // two days before, on line 3: four callers queue 08:00-08:04 and ask for a callback; by 09:00 c30's first
    // attempt was declined and it waits for the next; c31 was given up after its third; c32 was kept; c33 abandoned
    Map<String, Object> declined = Map.of("talkMs", 0, "wrapUpMs", 120000, "survey", false, "connected", false);
    Map<String, Object> talked = Map.of("talkMs", 600000, "wrapUpMs", 120000, "survey", false, "connected", true);
    for (JournalEntry e : List.of(
        e23("acd.call.queued", "08:00:00", "c30", null, Map.of()),
        e23("acd.callback.requested", "08:01:00", "c30", null, Map.of("waitedMs", 60000)),
        e23("acd.callback.dialled", "08:10:00", "c30", "op3001", Map.of()),
        e23("acd.call.completed", "08:10:00", "c30", "op3001", declined),
        e23("acd.callback.missed", "08:10:00", "c30", "op3001", Map.of("attempts", 1, "retry", true)),
        e23("acd.call.queued", "08:02:00", "c31", null, Map.of()),
        e23("acd.callback.dialled", "08:40:00", "c31", "op3001", Map.of()),
        e23("acd.call.completed", "08:40:00", "c31", "op3001", declined),
        e23("acd.callback.missed", "08:40:00", "c31", "op3001", Map.of("attempts", 3, "retry", false)),
        e23("acd.call.queued", "08:03:00", "c32", null, Map.of()),
        e23("acd.callback.dialled", "08:20:00", "c32", "op3001", Map.of()),
        e23("acd.call.completed", "08:30:00", "c32", "op3001", talked),
        e23("acd.call.queued", "08:04:00", "c33", null, Map.of()),
        e23("acd.call.abandoned", "08:05:00", "c33", null, Map.of("waitedMs", 60000)))) {
      await(storage.journal().append(e));
    }
    JsonArray requests = get("/api/reports/requests?from=2026-11-23T08:00:00Z&to=2026-11-23T09:00:00Z&interval=all",
        ADMIN).bodyAsJsonObject().getJsonArray("rows");
    assertThat(row(requests, "line", 3).getMap()).containsEntry("in_progress", 1).containsEntry("closed_by_operator", 1);
  }

  @Test
  void complaintsTakeTheTimeToTheFirstResolutionNotToTheLastUpdate() throws Exception {
    // two days before, on line 3: A resolved after 1 h, reopened, resolved again, closed at 12:00; B closed straight
    // after 2 h and edited at 13:30. Both closed now: (1 h + 2 h) / 2
    await(storage.pool().query("WITH a AS (INSERT INTO crm_ticket (topic, status, line, created_at, updated_at) "
        + "  VALUES ('complaint', 'closed', 3, '2026-11-23T08:00:00Z', '2026-11-23T12:00:00Z') RETURNING id), "
        + "b AS (INSERT INTO crm_ticket (topic, status, line, created_at, updated_at) "
        + "  VALUES ('complaint', 'closed', 3, '2026-11-23T08:30:00Z', '2026-11-23T13:30:00Z') RETURNING id) "
        + "INSERT INTO crm_ticket_transition (ticket_id, from_status, to_status, at) "
        + "SELECT a.id, v.f, v.t, v.at::timestamptz FROM a, (VALUES (NULL, 'new', '2026-11-23T08:00:00Z'), "
        + "  ('new', 'resolved', '2026-11-23T09:00:00Z'), ('resolved', 'in-progress', '2026-11-23T09:30:00Z'), "
        + "  ('in-progress', 'resolved', '2026-11-23T10:00:00Z'), ('resolved', 'closed', '2026-11-23T12:00:00Z')) v(f, t, at) "
        + "UNION ALL SELECT b.id, v.f, v.t, v.at::timestamptz FROM b, (VALUES (NULL, 'new', '2026-11-23T08:30:00Z'), "
        + "  ('new', 'closed', '2026-11-23T10:30:00Z')) v(f, t, at)").execute());
    JsonArray complaints = get("/api/reports/complaints?from=2026-11-23T08:00:00Z&to=2026-11-23T09:00:00Z"
        + "&interval=all&line=3", ADMIN).bodyAsJsonObject().getJsonArray("rows");
    assertThat(row(complaints, "topic", "complaint", "status", "closed").getMap()).containsEntry("tickets", 2)
        .containsEntry("avg_hours_to_resolve", 1.5);
  }

  @Test
  void occupancyFromTheStateChangesIncludingTheStateHeldAtTheStart() throws Exception {
    JsonArray rows = rows("occupancy", ADMIN, "&line=1");
    assertThat(rows.stream().map(o -> ((JsonObject) o).getString("operator"))).containsOnly("op1001");
    assertThat(row(rows, "bucket", H8).getMap()).containsEntry("ready_s", 1800.0).containsEntry("on_call_s", 1800.0)
        .containsEntry("occupancy_pct", 50.0);
    assertThat(row(rows, "bucket", H9).getMap()).containsEntry("wrap_up_s", 1800.0).containsEntry("occupancy_pct", 100.0);
    // by 15 minutes the spans are cut at the boundaries: on a call 08:30-09:00 is two quarters of 900 s
    JsonArray quarters = get("/api/reports/occupancy?from=2026-11-25T08:00:00Z&to=2026-11-25T10:00:00Z&interval=15m"
        + "&line=1", ADMIN).bodyAsJsonObject().getJsonArray("rows");
    assertThat(row(quarters, "bucket", "2026-11-25T09:30+01:00").getMap()).containsEntry("on_call_s", 900.0)
        .containsEntry("ready_s", 0.0);
    assertThat(row(quarters, "bucket", "2026-11-25T09:45+01:00").getMap()).containsEntry("on_call_s", 900.0);
    assertThat(row(quarters, "bucket", "2026-11-25T09:15+01:00").getMap()).containsEntry("ready_s", 900.0);
    assertThat(quarters).hasSize(6); // 08:00-09:30 (logged out afterwards)
  }

  @Test
  void callbacksTicketsSatisfactionIvrAndNotifications() throws Exception {
    assertThat(row(rows("callbacks", ADMIN, ""), "bucket", H8, "line", 1).getMap()).containsEntry("requested", 2)
        .containsEntry("dialled", 1).containsEntry("kept", 1).containsEntry("missed_attempts", 1);

    JsonArray tickets = rows("tickets", ADMIN, "");
    assertThat(row(tickets, "from_state", "(created)", "to_state", "new").getValue("avg_s_in_from_state")).isNull();
    assertThat(row(tickets, "from_state", "new", "to_state", "in-progress").getMap()).containsEntry("bucket", H8)
        .containsEntry("avg_s_in_from_state", 1800.0);
    assertThat(row(tickets, "from_state", "in-progress").getMap()).containsEntry("bucket", H9)
        .containsEntry("avg_s_in_from_state", 3600.0);

    assertThat(row(rows("satisfaction", ADMIN, ""), "operator", "op1001").getMap()).containsEntry("answers", 2)
        .containsEntry("avg_score", 4.0).containsEntry("score_5", 1).containsEntry("score_3", 1);

    assertThat(row(rows("ivr-nodes", ADMIN, ""), "node", "main").getMap()).containsEntry("visits", 4)
        .containsEntry("calls", 3).containsEntry("drop_offs", 1).containsEntry("drop_off_pct", 33.3);
    JsonArray ivr = rows("ivr-time", ADMIN, "");
    assertThat(row(ivr, "ending", "self-served").getMap()).containsEntry("avg_ivr_s", 40.0).containsEntry("share_pct", 25.0);
    assertThat(row(ivr, "ending", "transferred").getMap()).containsEntry("sessions", 2).containsEntry("avg_ivr_s", 25.0);

    JsonArray complaints = rows("complaints", ADMIN, "");
    assertThat(complaints).hasSize(3); // billing is not in the register
    assertThat(row(complaints, "topic", "complaint", "status", "resolved").getMap()).containsEntry("avg_hours_to_resolve", 2.0);

    assertThat(row(rows("notifications", ADMIN, ""), "bucket", H8).getMap())
        .containsEntry("outage", "00000000-0000-0000-0000-00000000000a").containsEntry("sms_sent", 2)
        .containsEntry("sms_delivered", 1).containsEntry("sms_failed", 1).containsEntry("voice_attempts", 3)
        .containsEntry("voice_answered", 1).containsEntry("voice_failed", 1);
  }

  @Test
  void surveyCampaignsGiveTheOutcomesPerCampaignAndTheAnswersPerQuestion() throws Exception {
    // the notifications' survey campaign register (stand-in); a day of its own, so the other reports do not see it
    String c1 = "00000000-0000-0000-0000-0000000000d1";
    String c3 = "00000000-0000-0000-0000-0000000000d3";
    await(storage.pool().query("CREATE TABLE IF NOT EXISTS notify_survey_campaign (id uuid PRIMARY KEY, title text, "
        + "survey text, line int); INSERT INTO notify_survey_campaign VALUES ('" + c1 + "', 'After the storm', "
        + "'after-outage', 1), ('" + c3 + "', 'Line 3', 'after-outage', 3)").execute());
    List<JournalEntry> day = List.of(
        voice(c1, "ANSWERED", true), voice(c1, "MACHINE", true), voice(c1, "BUSY", false), voice(c1, "BUSY", true),
        voice(c1, "ANSWERED", true), voice(c3, "ANSWERED", true),
        survey("notify.survey.answered", c1, Map.of("question", "information", "answer", 4)),
        survey("notify.survey.answered", c1, Map.of("question", "information", "answer", 1)),
        survey("notify.survey.answered", c1, Map.of("question", "recommend", "answer", 9)),
        survey("notify.survey.completed", c1, Map.of("answers", 2)),
        survey("notify.survey.refused", c1, Map.of("answers", 1)),
        survey("notify.survey.answered", c3, Map.of("question", "information", "answer", 5)));
    for (JournalEntry e : day) {
      await(storage.journal().append(e));
    }
    String range = "from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&interval=all";
    HttpResponse<Buffer> r = get("/api/reports/survey-campaigns?" + range, "sup1;supervisor;1");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray rows = r.bodyAsJsonObject().getJsonArray("rows");
    assertThat(rows).as("line 3 is outside a line-1 supervisor's scope").hasSize(3);
    assertThat(rows.getJsonObject(0).getMap()).containsEntry("campaign", c1).containsEntry("question", null)
        .containsEntry("title", "After the storm").containsEntry("attempts", 5).containsEntry("reached", 2)
        .containsEntry("completed", 1).containsEntry("refused", 1).containsEntry("machine", 1)
        .containsEntry("failed", 1).containsEntry("answers", null);
    assertThat(rows.getJsonObject(1).getMap()).containsEntry("question", "information").containsEntry("answers", 2)
        .containsEntry("avg_answer", 2.5).containsEntry("answer_1", 1).containsEntry("answer_4", 1)
        .containsEntry("answer_5", 0).containsEntry("reached", null);
    assertThat(rows.getJsonObject(2).getMap()).containsEntry("question", "recommend").containsEntry("answer_9", 1);
    assertThat(get("/api/reports/survey-campaigns?" + range + "&line=3", "sup1;supervisor;1").statusCode())
        .isEqualTo(403);
    String[] csv = get("/api/reports/survey-campaigns?" + range + "&format=csv", ADMIN).bodyAsString().split("\r\n");
    assertThat(csv).as("the header, then both campaigns' outcomes and questions").hasSize(1 + 5);
    assertThat(csv[0]).startsWith("bucket,line,campaign,title,survey,question,attempts,reached,completed,refused,");
  }

  private static JournalEntry voice(String campaign, String outcome, boolean last) {
    return JournalEntry.of("notify.voice.completed").at(t("09:00:00").minus(java.time.Duration.ofDays(5)))
        .data(Map.of("campaign", campaign, "outcome", outcome, "final", last));
  }

  private static JournalEntry survey(String type, String campaign, Map<String, Object> data) {
    Map<String, Object> all = new java.util.HashMap<>(data);
    all.put("campaign", campaign);
    return JournalEntry.of(type).at(t("09:01:00").minus(java.time.Duration.ofDays(5))).data(all);
  }

  @Test
  void aSupervisorReadsOnlyTheirLines() throws Exception {
    String line2 = "sup2;supervisor;2";
    assertThat(get("/api/reports/service?" + RANGE + "&line=1", line2).statusCode()).isEqualTo(403);
    assertThat(rows("service", line2, "").stream().map(o -> ((JsonObject) o).getInteger("line"))).containsOnly(2);
    assertThat(rows("requests", line2, "").stream().map(o -> ((JsonObject) o).getInteger("line")))
        .as("no line-less rows for a line supervisor").containsOnly(2);
    assertThat(get("/api/reports/service?" + RANGE, "op;agent;1").statusCode()).isEqualTo(403);
    // a line-1 supervisor oversees line 2 as well (seed 003 table 9), not line 3
    assertThat(rows("service", "sup1;supervisor;1", "").stream().map(o -> ((JsonObject) o).getInteger("line")))
        .containsOnly(1, 2).contains(2);
    assertThat(get("/api/reports/service?" + RANGE + "&line=3", "sup1;supervisor;1").statusCode()).isEqualTo(403);
  }

  @Test
  void badQueriesAreClearErrorsAndCsvHasAHeader() throws Exception {
    HttpResponse<Buffer> backwards = get("/api/reports/service?from=2026-11-25&to=2026-11-24", ADMIN);
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(backwards.bodyAsJsonObject().getString("error")).isEqualTo("bad-range");
    assertThat(get("/api/reports/service?from=2020-01-01&to=2026-01-01&interval=15m", ADMIN).bodyAsJsonObject()
        .getString("error")).isEqualTo("range-too-long");
    assertThat(get("/api/reports/nonsense?" + RANGE, ADMIN).statusCode()).isEqualTo(400);
    assertThat(get("/api/reports/service?from=yesterday&to=2026-11-25", ADMIN).statusCode()).isEqualTo(400);

    HttpResponse<Buffer> csv = get("/api/reports/aht?" + RANGE + "&format=csv", ADMIN);
    assertThat(csv.getHeader("content-type")).startsWith("text/csv");
    assertThat(csv.bodyAsString().split("\r\n")).containsExactly(
        "bucket,line,operator,handled,avg_talk_s,avg_wrap_up_s,aht_s",
        H8 + ",1,op1001,2,370.0,25.0,395.0",
        H9 + ",2,op2001,1,60.0,60.0,120.0");
    // local dates: the Oslo day 2026-11-25 starts 2026-11-24T23:00Z
    JsonObject day = await(http.get("/api/reports/requests?from=2026-11-25&to=2026-11-26&interval=day")
        .putHeader("X-Test-User", ADMIN).send()).bodyAsJsonObject();
    assertThat(day.getString("from")).isEqualTo("2026-11-24T23:00:00Z");
    assertThat(day.getJsonArray("rows").stream().map(o -> ((JsonObject) o).getString("bucket")))
        .containsOnly("2026-11-25T00:00+01:00");
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
