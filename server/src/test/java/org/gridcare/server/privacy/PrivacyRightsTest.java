package org.gridcare.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.privacy.Db.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketStatus;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.platform.domain.Identifiers;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.server.ContactCentre;
import org.gridcare.server.LogCapture;
import org.gridcare.server.TestCentre;
import org.gridcare.server.auth.Identity;
import org.gridcare.server.auth.Role;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * The data subject's rights over HTTP on the whole centre. A customer with calls, a ticket, a recording, a voicemail,
 * outage SMS, a callback and meter readings asks for a copy (one zip: data, recordings, voicemail, who read their
 * card), then for erasure. Erasure is refused while a ticket is open or a legal hold stands; afterwards no table (every
 * text, json and array column) and no file in the recording store holds their national ID, numbers, name or street,
 * while another customer's data is untouched and the report totals (journal per type, tickets, calls) are the same.
 */
@RealServers
class PrivacyRightsTest {
  static final String MOBILE = "+4791112233";
  static final String LANDLINE = "+4755112233";
  /** The household's landline, registered to both customers: erasure leaves it with the other one. */
  static final String SHARED = "+4722998877";
  static final String NAME = "Ingrid Solbakken";
  static final String STREET = "Fjordveien 17";

  @Test
  void exportThenErasureLeavesNoTraceWhileTotalsStay(StorageSettings storage) throws Exception {
    try (LogCapture logs = LogCapture.start(); TestCentre centre = TestCentre.start(storage)) {
      ContactCentre cc = centre.cc();
      Db db = new Db(cc.storage().pool());
      WebClient http = WebClient.create(cc.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(cc.httpPort()));
      String admin = login(cc, http, "dpo", Role.ADMIN);
      String agent = login(cc, http, "op1001", Role.AGENT);

      String nationalId = SampleCustomers.nationalId(new Random(11));
      String otherId = SampleCustomers.nationalId(new Random(12));
      await(cc.crm().importAreas("code,name\nA1,Area one\n", n -> { }));
      await(cc.crm().importCustomers(String.join(",", org.gridcare.crm.app.CustomerCsv.COLUMNS) + "\n"
          + "private," + NAME + "," + nationalId + "," + MOBILE + ";" + LANDLINE + ";" + SHARED + ",yes," + STREET + ",5003,Bergen,A1,S1,F1,"
          + gsrn("70705750000000001") + ",M-1\n"
          + "private,Olav Kvam," + otherId + ",+4791119999;" + SHARED + ",yes,Kvamsgata 3,5004,Bergen,A1,S1,F1,"
          + gsrn("70705750000000002") + ",M-2\n", n -> { }));
      long subject = Long.parseLong(db.strings("SELECT id FROM crm_customer WHERE name = $1", NAME).get(0));
      long other = Long.parseLong(db.strings("SELECT id FROM crm_customer WHERE name = 'Olav Kvam'").get(0));

      Path voicemail = activity(centre, db, subject, other);
      var ticket = await(cc.crm().tickets().open(new TicketDraft(subject, TicketTopic.OUTAGE, "No power at " + STREET,
          NAME + " called from " + MOBILE, 1, null, null, TicketSource.OPERATOR, "call-1", "op1001")));
      await(cc.crm().tickets().addNote(ticket.id(), "op1001", "Spoke to " + NAME));
      ok(await(http.get("/api/crm/customers/" + subject).bearerTokenAuthentication(admin).send()));

      // Access: one zip with everything, including who read the card; agents may not.
      assertThat(await(http.get("/api/privacy/customers/" + subject + "/export").addQueryParam("reason", "subject access request")
          .bearerTokenAuthentication(agent).send()).statusCode()).isEqualTo(403);
      Map<String, byte[]> zip = unzip(ok(await(http.get("/api/privacy/customers/" + subject + "/export")
          .addQueryParam("reason", "subject access request").bearerTokenAuthentication(admin).send())).body());
      JsonObject export = new JsonObject(new String(zip.get("customer-" + subject + ".json"), StandardCharsets.UTF_8));
      assertThat(export.getJsonObject("customer").getString("name")).isEqualTo(NAME);
      assertThat(export.getJsonObject("customer").getString("identity")).as("the subject's own ID, in clear")
          .isEqualTo(nationalId);
      assertThat(db.strings("SELECT actor || '|' || reason FROM audit WHERE action = 'customer.identity.revealed' "
          + "AND subject_id = $1", String.valueOf(subject))).containsExactly("dpo|subject access request");
      assertThat(export.getJsonArray("phones")).hasSize(3);
      assertThat(export.getJsonArray("tickets").getJsonObject(0).getJsonArray("notes")).hasSize(1);
      assertThat(export.getJsonArray("calls")).isNotEmpty();
      assertThat(export.getJsonArray("sms")).hasSize(1);
      assertThat(export.getJsonArray("accessLog").stream().map(e -> ((JsonObject) e).getString("action")))
          .contains("customer.viewed", "customer.exported", "customer.identity.revealed");
      assertThat(zip.keySet()).contains("voicemail/" + voicemail.getFileName());
      assertThat(zip.keySet().stream().filter(k -> k.startsWith("recordings/"))).hasSize(1);

      // Checks: an open ticket, then a legal hold, stop the erasure; nothing changes.
      HttpResponse<Buffer> refused = await(erase(http, admin, subject, false));
      assertThat(refused.statusCode()).isEqualTo(409);
      assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("open-tickets");
      await(cc.crm().tickets().transition(ticket.id(), null, "op1001", TicketStatus.RESOLVED, "power restored"));
      assertThat(await(http.put("/api/privacy/customers/" + subject + "/hold").bearerTokenAuthentication(admin)
          .sendJsonObject(new JsonObject().put("reason", "dispute about compensation"))).statusCode()).isEqualTo(204);
      assertThat(await(erase(http, admin, subject, false)).bodyAsJsonObject().getString("error")).isEqualTo("legal-hold");
      assertThat(db.strings("SELECT legal_hold FROM rec_recording ORDER BY call_id")).as("the hold reaches the recordings")
          .containsExactly("true", "false");
      assertThat(await(http.delete("/api/privacy/customers/" + subject + "/hold").addQueryParam("reason", "dispute settled")
          .bearerTokenAuthentication(admin).send()).statusCode()).isEqualTo(204);

      JsonObject dry = ok(await(erase(http, admin, subject, true))).bodyAsJsonObject();
      assertThat(dry.getBoolean("dryRun")).isTrue();
      assertThat(found(db, NAME)).as("a dry run changes nothing").isNotEmpty();

      Map<String, Long> totals = totals(db);
      JsonObject report = ok(await(erase(http, admin, subject, false))).bodyAsJsonObject();
      assertThat(byCategory(report.getJsonArray("erased"))).containsEntry("recordings", 1L).containsEntry("voicemail", 1L)
          .containsEntry("sms-log", 1L).containsEntry("tickets", 1L).containsEntry("callbacks", 1L);
      assertThat(byCategory(report.getJsonArray("kept"))).containsEntry("meter-readings", 1L).containsKey("audit");
      assertThat(report.getJsonArray("kept").stream().map(k -> ((JsonObject) k).getString("why")))
          .anyMatch(why -> why.contains("Accounting Act"))
          .anyMatch(why -> why.contains("also registered to another customer"));

      for (String identifier : List.of(nationalId, MOBILE, LANDLINE, "91112233", "55112233", NAME, "Solbakken", STREET)) {
        assertThat(found(db, identifier)).as("columns still holding " + identifier).isEmpty();
      }
      String logged = logs.text();
      assertThat(logged).as("the capture saw the server run").contains("HTTP API listening");
      for (String identifier : List.of(nationalId, MOBILE, LANDLINE, "91112233", "55112233", NAME, "Solbakken", STREET)) {
        assertThat(logged).as("logs (shipped configuration) holding " + identifier).doesNotContain(identifier);
      }
      assertThat(found(db, "Olav Kvam")).as("the other customer is untouched").contains("crm_customer.name");
      assertThat(found(db, "+4791119999")).contains("crm_phone.e164", "journal.phone");
      assertThat(db.strings("SELECT customer_id FROM crm_phone WHERE e164 = $1", SHARED)).containsExactly(String.valueOf(other));
      try (Stream<Path> files = Files.walk(Path.of(centre.config().recordings().storeDir()))) {
        assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
            .as("recording store").containsExactly("other.wav");
      }
      assertThat(Files.exists(voicemail)).isFalse();
      assertThat(totals(db)).as("report totals").isEqualTo(totals);
      assertThat(await(cc.storage().audit().verify()).intact()).isTrue();
      assertThat(db.strings("SELECT action FROM audit WHERE subject_type = 'customer' AND subject_id = $1 ORDER BY id",
          String.valueOf(subject))).contains("customer.exported", "customer.held", "customer.released", "customer.erased");

      // Objection to SMS: the number lands in the opt-out register the notifications honour.
      assertThat(await(http.post("/api/privacy/objections").bearerTokenAuthentication(admin)
          .sendJsonObject(new JsonObject().put("phone", "912 34 000").put("reason", "objection by letter"))).statusCode())
          .isEqualTo(204);
      assertThat(db.strings("SELECT source FROM notify_opt_out WHERE phone = '+4791234000'")).containsExactly("privacy-objection");
    }
  }

  /** Calls, SMS, a recording, a voicemail, a callback, a subscription and readings for the subject; some for the other. */
  private static Path activity(TestCentre centre, Db db, long subject, long other) throws Exception {
    ContactCentre cc = centre.cc();
    for (String type : List.of("ivr.started", "ivr.completed", "acd.call.queued", "acd.call.answered")) {
      await(cc.storage().journal().append(JournalEntry.of(type).call("call-1").line(1).customer(String.valueOf(subject))
          .phone(MOBILE)));
      await(cc.storage().journal().append(JournalEntry.of(type).call("call-9").line(1).customer(String.valueOf(other))
          .phone("+4791119999")));
    }
    await(cc.storage().journal().append(JournalEntry.of("ivr.completed").call("call-2").phone(LANDLINE)));
    await(cc.storage().journal().append(JournalEntry.of("ivr.survey.answered").call("call-1")
        .customer(String.valueOf(subject)).data(Map.of("score", 5))));
    Instant t = Instant.parse("2026-11-20T10:00:00Z");
    db.sql("INSERT INTO crm_interaction (call_id, customer_id, phone, direction, started_at, outcome) VALUES "
        + "('call-1', $1, $2, 'inbound', $3, 'answered'), ('call-2', NULL, $4, 'inbound', $3, 'voicemail'), "
        + "('call-9', $5, '+4791119999', 'inbound', $3, 'answered')", subject, MOBILE, t, LANDLINE, other);
    db.sql("INSERT INTO acd_callback (call_id, line, topic, customer_id, phone, requested_at, status, updated_at) VALUES "
        + "('call-1', 1, 'outage', $1, $2, $3, 'connected', $3)", String.valueOf(subject), MOBILE, t);
    UUID outage = UUID.randomUUID();
    UUID campaign = UUID.randomUUID();
    db.sql("INSERT INTO notify_outage (id, kind, state, cause, starts_at, source, created_at) VALUES "
        + "($1, 'PLANNED', 'SCHEDULED', 'maintenance', $2, 'test', $2)", outage, t);
    db.sql("INSERT INTO notify_campaign (id, outage_id, kind, key, created_at) VALUES ($1, $2, 'PLANNED', 'k', $3)",
        campaign, outage, t);
    db.sql("INSERT INTO notify_sms (campaign_id, phone, customer_id, language, body, idempotency_key, state) VALUES "
        + "($1, $2, $3, 'en', 'Planned outage tomorrow', $4, 'DELIVERED'), ($1, '+4791119999', $5, 'en', "
        + "'Planned outage tomorrow', $6, 'DELIVERED')", campaign, MOBILE, String.valueOf(subject), UUID.randomUUID(),
        String.valueOf(other), UUID.randomUUID());
    db.sql("INSERT INTO notify_subscription (outage_id, phone, language, customer_id) VALUES ($1, $2, 'en', $3)",
        outage, LANDLINE, String.valueOf(subject));
    db.sql("INSERT INTO crm_meter_reading (gsrn, kwh, read_at, source) SELECT gsrn, 1234, $2, 'ivr' "
        + "FROM crm_metering_point WHERE customer_id = $1", subject, t);

    Path store = Path.of(centre.config().recordings().storeDir());
    Files.createDirectories(store.resolve("2026/11/20"));
    Files.write(store.resolve("2026/11/20/mine.wav"), new byte[] {1, 2, 3});
    Files.write(store.resolve("2026/11/20/other.wav"), new byte[] {4, 5, 6});
    db.sql("INSERT INTO rec_recording (id, call_id, started_at, direction, customer_phone, customer_id, store_key, "
        + "format, status) VALUES ($1, 'call-1', $2, 'inbound', $3, $4, '2026/11/20/mine.wav', 'wav', 'stored'), "
        + "($5, 'call-9', $2, 'inbound', '+4791119999', $6, '2026/11/20/other.wav', 'wav', 'stored')",
        UUID.randomUUID(), t, MOBILE, String.valueOf(subject), UUID.randomUUID(), String.valueOf(other));
    // The landline's voicemail (call-2, no customer recognised): it is theirs through the number.
    Path voicemail = Path.of(centre.config().storage().dataDir(), "voicemail", "call-2-1763632800000.wav");
    Files.createDirectories(voicemail.getParent());
    Files.write(voicemail, new byte[] {7});
    return voicemail;
  }

  /** Every text, json and array column of every table that contains {@code needle}, as table.column. */
  private static List<String> found(Db db, String needle) throws Exception {
    List<String> hits = new ArrayList<>();
    var columns = db.sql("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
        + "AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY'))");
    for (var c : columns) {
      String column = c.getString("table_name") + "." + c.getString("column_name");
      long n = db.count("SELECT count(*) FROM \"" + c.getString("table_name") + "\" WHERE strpos(\""
          + c.getString("column_name") + "\"::text, $1) > 0", needle);
      if (n > 0) {
        hits.add(column);
      }
    }
    return hits;
  }

  private static Map<String, Long> totals(Db db) throws Exception {
    Map<String, Long> m = new LinkedHashMap<>();
    db.sql("SELECT type, count(*) AS n FROM journal WHERE type NOT LIKE 'recordings.%' GROUP BY type ORDER BY type")
        .forEach(r -> m.put("journal " + r.getString("type"), r.getLong("n")));
    m.put("tickets", db.count("SELECT count(*) FROM crm_ticket"));
    m.put("tickets per topic outage", db.count("SELECT count(*) FROM crm_ticket WHERE topic = 'outage'"));
    m.put("calls", db.count("SELECT count(*) FROM crm_interaction"));
    m.put("answered calls", db.count("SELECT count(*) FROM crm_interaction WHERE outcome = 'answered'"));
    return m;
  }

  private static Map<String, Long> byCategory(JsonArray lines) {
    Map<String, Long> m = new HashMap<>();
    lines.forEach(l -> m.put(((JsonObject) l).getString("category"), ((JsonObject) l).getLong("count")));
    return m;
  }

  private static io.vertx.core.Future<HttpResponse<Buffer>> erase(WebClient http, String token, long customer,
      boolean dryRun) {
    return http.post("/api/privacy/customers/" + customer + "/erasure").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("reason", "erasure request by letter").put("dryRun", dryRun));
  }

  private static Map<String, byte[]> unzip(Buffer body) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body.getBytes()))) {
      for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.put(e.getName(), zip.readAllBytes());
      }
    }
    return entries;
  }

  private static String gsrn(String first17) {
    return first17 + Identifiers.gs1CheckDigit(first17);
  }

  private static String login(ContactCentre cc, WebClient http, String user, Role role) throws Exception {
    await(cc.authentication().addUser("test", new Identity(user, Set.of(role), List.of(1)), user + "-password-1"));
    return ok(await(http.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", user)
        .put("password", user + "-password-1")))).bodyAsJsonObject().getString("token");
  }

  private static HttpResponse<Buffer> ok(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isBetween(200, 299);
    return r;
  }
}
