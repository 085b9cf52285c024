package org.gridcare.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.server.privacy.Db.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.privacy.PrivacyModule;
import org.gridcare.privacy.app.RetentionService;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.Sweep;
import org.gridcare.privacy.pg.PgPersonalData;
import org.gridcare.server.TestCentre;
import org.gridcare.recordings.RecordingsModule;
import org.gridcare.server.wiring.RecordingsForPrivacy;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/**
 * Retention on a virtual clock against the shipped config/privacy.yaml: for every category one row (or file) just past
 * its period and one just inside it, plus rows the rules keep whatever their age (waiting callbacks, pending SMS,
 * open tickets, undelivered outbox rows, a customer on legal hold). The dry run reports exactly the expired ones and
 * changes nothing; the run removes or anonymises exactly those, and files go with their rows.
 */
@RealServers
class RetentionTest {
  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  @Test
  void exactlyTheExpiredRowsAndFilesGoAndNothingElse(Vertx vertx, StorageSettings settings) throws Exception {
    Path data = TestCentre.newDataDir();
    ContactCentreConfig config = TestCentre.config(settings, data);
    Storage storage = await(Storage.start(vertx, settings));
    try {
      Db db = new Db(storage.pool());
      Fixture f = new Fixture(db, config, data);
      f.seed();
      RetentionService retention = await(PrivacyModule.retention(vertx, config, storage,
          new RecordingsForPrivacy(await(RecordingsModule.service(vertx, config, storage))),
          Clock.fixed(NOW, ZoneOffset.UTC)));

      Map<Category, Long> expected = new LinkedHashMap<>();
      expected.put(Category.CALL_JOURNAL, 1L);
      expected.put(Category.INTERACTIONS, 1L);
      expected.put(Category.CALLBACKS, 1L);
      expected.put(Category.RECORDINGS, 1L);
      expected.put(Category.VOICEMAIL, 1L);
      expected.put(Category.SMS_LOG, 1L);
      expected.put(Category.VOICE_NOTIFICATION_LOG, 3L); // one automated call, one operator call, one subscription
      expected.put(Category.SURVEY_ANSWERS, 1L);
      expected.put(Category.TICKETS, 1L);
      expected.put(Category.METER_READINGS, 1L);
      expected.put(Category.CRM_OUTBOX, 1L);
      expected.put(Category.AUDIT, 0L); // no entry five years old here (see the audit test below)
      expected.put(Category.CUSTOMER_FILE, 0L); // until requested
      expected.put(Category.LEGAL_HOLDS, 0L);
      expected.put(Category.ADDRESS_BOOKS, 0L); // until the operator removes the entry
      expected.put(Category.OPT_OUTS, 0L);

      Map<String, Long> before = f.rowCounts();
      List<RetentionService.Line> dry = await(retention.run(true, "test"));
      assertThat(counts(dry)).isEqualTo(expected);
      assertThat(dry.stream().filter(l -> l.policy().category() == Category.CALL_JOURNAL).findFirst().orElseThrow()
          .sweep().oldest()).isEqualTo(NOW.minus(DAY.multipliedBy(731)));
      assertThat(f.rowCounts()).as("a dry run changes nothing").isEqualTo(before);
      assertThat(Files.exists(f.oldRecording)).isTrue();
      assertThat(Files.exists(f.oldVoicemail)).isTrue();

      List<RetentionService.Line> run = await(retention.run(false, "test"));
      assertThat(counts(run)).isEqualTo(expected);
      f.assertOnlyExpiredGone();
      assertThat(db.count("SELECT count(*) FROM audit WHERE action = 'retention.applied' AND actor = 'test'")).isEqualTo(1);

      assertThat(counts(await(retention.run(true, "test")))).as("nothing left to do")
          .allSatisfy((c, n) -> assertThat(n).isZero());
    } finally {
      await(storage.close());
    }
  }

  /** The audit's prefix goes under the chain lock; the checkpoint is what the first remaining entry points back to. */
  @Test
  void auditRetentionCutsAPrefixAndLeavesACheckpoint(Vertx vertx, StorageSettings settings) throws Exception {
    Storage storage = await(Storage.start(vertx, settings));
    try {
      Db db = new Db(storage.pool());
      db.sql("DELETE FROM audit_checkpoint");
      long first = db.count("SELECT coalesce(max(id), 0) FROM audit");
      for (int i = 0; i < 5; i++) {
        await(storage.audit().record(new AuditEntry(NOW.minus(DAY.multipliedBy(2000 - i)), "op1001", "customer.viewed",
            "customer", String.valueOf(i), null, Map.of())));
      }
      for (int i = 0; i < 3; i++) {
        await(storage.audit().record(new AuditEntry(NOW.minus(DAY.multipliedBy(10 - i)), "op1001", "customer.viewed",
            "customer", String.valueOf(i), null, Map.of())));
      }
      Sweep sweep = await(new PgPersonalData(storage.pool(), storage.audit()).purge(Category.AUDIT, NOW.minus(Duration.ofDays(1825))));
      assertThat(sweep.count()).isEqualTo(5 + first);
      assertThat(db.count("SELECT count(*) FROM audit")).isEqualTo(3);
      var checkpoint = db.sql("SELECT through_id, through_hash, purged FROM audit_checkpoint").iterator().next();
      var firstLeft = db.sql("SELECT id, prev_hash FROM audit ORDER BY id LIMIT 1").iterator().next();
      assertThat(checkpoint.getLong("through_id")).isEqualTo(firstLeft.getLong("id") - 1);
      assertThat(checkpoint.getString("through_hash")).isEqualTo(firstLeft.getString("prev_hash"));
      assertThat(checkpoint.getLong("purged")).isEqualTo(5 + first);
      assertThat(await(storage.audit().verify()).intact()).as("the rest still verifies from the checkpoint").isTrue();
      db.sql("DELETE FROM audit WHERE id = " + firstLeft.getLong("id"));
      assertThat(await(storage.audit().verify()).intact()).as("removing the first kept entry is detected").isFalse();
    } finally {
      await(storage.close());
    }
  }

  private static Map<Category, Long> counts(List<RetentionService.Line> lines) {
    Map<Category, Long> m = new LinkedHashMap<>();
    lines.forEach(l -> m.put(l.policy().category(), l.sweep().count()));
    return m;
  }

  /** One expired and one live row per category; ages relative to the shipped periods. */
  static final class Fixture {
    final Db db;
    final Path store;
    final Path voicemail;
    Path oldRecording;
    Path youngRecording;
    Path hazardRecording;
    Path oldVoicemail;
    Path youngVoicemail;

    Fixture(Db db, ContactCentreConfig config, Path data) {
      this.db = db;
      this.store = Path.of(config.recordings().storeDir());
      this.voicemail = data.resolve("voicemail");
    }

    static Instant ago(long days) {
      return NOW.minus(DAY.multipliedBy(days));
    }

    void seed() throws Exception {
      // A customer with a metering point (for readings) and one on legal hold.
      db.sql("INSERT INTO crm_grid_area (code, name) VALUES ('A1', 'Area one')");
      db.sql("INSERT INTO crm_address (id, street, postcode, city, area_code) VALUES (1, 'Storgata 1', '5003', 'Bergen', 'A1')");
      for (long id : new long[] {1, 99}) {
        db.sql("INSERT INTO crm_customer (id, kind, name, identity_cipher, identity_digest, identity_last2, address_id) "
            + "VALUES ($1, 'private', 'Test Person', '\\x01'::bytea, sha256(('t' || $1)::bytea), '12', 1)", id);
      }
      db.sql("INSERT INTO privacy_legal_hold (customer_id, reason, placed_by, placed_at) VALUES ('99', 'court case', 'admin', $1)", NOW);
      db.sql("INSERT INTO crm_metering_point (gsrn, customer_id, address_id) VALUES ('707057500000000018', 1, 1)");

      journal("acd.call.queued", ago(731), "c-old", "+4790000001", "1");
      journal("acd.call.queued", ago(729), "c-young", "+4790000002", "1");
      journal("acd.call.queued", ago(1000), "c-held", "+4790000099", "99");
      journal("ivr.survey.answered", ago(91), "c-s-old", null, "1");
      journal("ivr.survey.answered", ago(89), "c-s-young", null, "1");

      interaction("c-old", ago(731));
      interaction("c-young", ago(729));

      callback("cb-old", "connected", ago(91));
      callback("cb-young", "missed", ago(89));
      callback("cb-waiting", "waiting", ago(200));

      UUID outage = UUID.randomUUID();
      db.sql("INSERT INTO notify_outage (id, kind, state, cause, starts_at, source, created_at) VALUES "
          + "($1, 'PLANNED', 'RESTORED', 'maintenance', $2, 'test', $2)", outage, ago(400));
      UUID oldCampaign = campaign(outage, "old", ago(181));
      UUID youngCampaign = campaign(outage, "young", ago(179));
      sms(oldCampaign, "+4790000011", "DELIVERED", ago(181));
      sms(youngCampaign, "+4790000012", "DELIVERED", ago(179));
      sms(oldCampaign, "+4790000013", "PENDING", ago(300));
      db.sql("INSERT INTO notify_call (campaign_id, phone, language, message, state, updated_at) VALUES "
          + "($1, '+4722000001', 'en', 'Power is off', 'DONE', $2), ($3, '+4722000002', 'en', 'Power is off', 'DONE', $4)",
          oldCampaign, ago(181), youngCampaign, ago(179));
      db.sql("INSERT INTO notify_operator_call (campaign_id, customer_id, name, phone, done) VALUES "
          + "($1, '7', 'Big Factory AS', '+4722000003', true), ($2, '7', 'Big Factory AS', '+4722000003', true)",
          oldCampaign, youngCampaign);
      db.sql("INSERT INTO notify_subscription (outage_id, phone, language, created_at) VALUES "
          + "($1, '+4790000021', 'en', $2), ($1, '+4790000022', 'en', $3)", outage, ago(181), ago(179));

      ticket(1, "closed", ago(1096));
      ticket(2, "resolved", ago(1094));
      ticket(3, "new", ago(2000));
      db.sql("INSERT INTO crm_ticket_note (ticket_id, author, body, at) VALUES (1, 'op1001', 'Customer says hello', $1)", ago(1100));

      db.sql("INSERT INTO crm_meter_reading (gsrn, kwh, read_at, source) VALUES ('707057500000000018', 100, $1, 'ivr'), "
          + "('707057500000000018', 200, $2, 'ivr')", ago(2191), ago(2189));

      db.sql("INSERT INTO crm_outbox (aggregate, type, idempotency_key, payload, created_at, delivered_at) VALUES "
          + "('ticket:1', 'ticket.opened', $1, '{}'::jsonb, $2, $2), ('ticket:2', 'ticket.opened', $3, '{}'::jsonb, $4, $4), "
          + "('ticket:3', 'ticket.opened', $5, '{}'::jsonb, $6, NULL)",
          UUID.randomUUID(), ago(31), UUID.randomUUID(), ago(29), UUID.randomUUID(), ago(100));

      oldRecording = recording("rec-old", ago(366), null, "stored");
      youngRecording = recording("rec-young", ago(30), null, "stored");
      hazardRecording = recording("rec-hazard", ago(400), "hazard", "stored");

      Files.createDirectories(voicemail);
      oldVoicemail = voicemailFile("c-vm-old", ago(91));
      youngVoicemail = voicemailFile("c-vm-young", ago(89));
    }

    void journal(String type, Instant at, String call, String phone, String customer) throws Exception {
      db.sql("INSERT INTO journal (at, type, call_id, phone, customer_id, data) VALUES ($1, $2, $3, $4, $5, '{}'::jsonb)",
          at, type, call, phone, customer);
    }

    void interaction(String call, Instant at) throws Exception {
      db.sql("INSERT INTO crm_interaction (call_id, customer_id, phone, direction, started_at, outcome) VALUES "
          + "($1, 1, '+4790000001', 'inbound', $2, 'answered')", call, at);
    }

    void callback(String call, String status, Instant at) throws Exception {
      db.sql("INSERT INTO acd_callback (call_id, line, topic, customer_id, phone, requested_at, status, updated_at) VALUES "
          + "($1, 1, 'outage', '1', '+4790000001', $2, $3, $2)", call, at, status);
    }

    UUID campaign(UUID outage, String key, Instant at) throws Exception {
      UUID id = UUID.randomUUID();
      db.sql("INSERT INTO notify_campaign (id, outage_id, kind, key, created_at) VALUES ($1, $2, 'PLANNED', $3, $4)",
          id, outage, key, at);
      return id;
    }

    void sms(UUID campaign, String phone, String state, Instant at) throws Exception {
      db.sql("INSERT INTO notify_sms (campaign_id, phone, customer_id, language, body, idempotency_key, state, updated_at) "
          + "VALUES ($1, $2, '1', 'en', 'Planned outage tomorrow', $3, $4, $5)", campaign, phone, UUID.randomUUID(), state, at);
    }

    void ticket(long id, String status, Instant updated) throws Exception {
      db.sql("INSERT INTO crm_ticket (id, number, customer_id, topic, status, subject, description, line, source, "
          + "created_by, created_at, updated_at) VALUES ($1, 'T-' || $1, 1, 'outage', $2, 'No power at Storgata 1', "
          + "'Caller Test Person', 1, 'phone', 'op1001', $3, $3)", id, status, updated);
    }

    Path recording(String call, Instant started, String topic, String status) throws Exception {
      String key = "2025/01/01/" + call + ".wav";
      Path file = store.resolve(key);
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {1, 2, 3});
      db.sql("INSERT INTO rec_recording (id, call_id, started_at, direction, topic, customer_phone, customer_id, "
          + "store_key, format, status) VALUES ($1, $2, $3, 'inbound', $4, '+4790000001', '1', $5, 'wav', $6)",
          UUID.randomUUID(), call, started, topic, key, status);
      return file;
    }

    Path voicemailFile(String call, Instant at) throws Exception {
      Path file = voicemail.resolve(call + "-" + at.toEpochMilli() + ".wav");
      Files.write(file, new byte[] {1});
      Files.setLastModifiedTime(file, FileTime.from(at));
      return file;
    }

    Map<String, Long> rowCounts() throws Exception {
      Map<String, Long> m = new LinkedHashMap<>();
      for (String q : List.of(
          "SELECT count(*) FROM journal WHERE phone IS NOT NULL OR customer_id IS NOT NULL", "SELECT count(*) FROM journal",
          "SELECT count(*) FROM journal WHERE call_id IS NOT NULL", "SELECT count(*) FROM audit",
          "SELECT count(*) FROM crm_interaction WHERE phone IS NOT NULL",
          "SELECT count(*) FROM acd_callback", "SELECT count(*) FROM notify_sms", "SELECT count(*) FROM notify_call",
          "SELECT count(*) FROM notify_operator_call", "SELECT count(*) FROM notify_subscription",
          "SELECT count(*) FROM crm_ticket WHERE customer_id IS NOT NULL", "SELECT count(*) FROM crm_meter_reading",
          "SELECT count(*) FROM crm_outbox", "SELECT count(*) FROM rec_recording WHERE status <> 'purged'")) {
        m.put(q, db.count(q));
      }
      return m;
    }

    void assertOnlyExpiredGone() throws Exception {
      // Anonymised, not deleted: the journal and interactions keep every row for the reports.
      // (the recordings' own audit entries are journalled too: only the fixture's types are looked at)
      String fixture = "type IN ('acd.call.queued', 'ivr.survey.answered')";
      assertThat(db.count("SELECT count(*) FROM journal WHERE " + fixture)).isEqualTo(5);
      assertThat(db.strings("SELECT call_id FROM journal WHERE " + fixture + " AND phone IS NULL AND customer_id IS NULL "
          + "ORDER BY call_id")).containsExactly("c-old", null);
      assertThat(db.strings("SELECT call_id FROM journal WHERE " + fixture + " AND phone IS NOT NULL ORDER BY call_id"))
          .containsExactly("c-held", "c-young");
      assertThat(db.strings("SELECT call_id FROM journal WHERE type = 'ivr.survey.answered' AND customer_id IS NOT NULL"))
          .containsExactly("c-s-young");
      assertThat(db.count("SELECT count(*) FROM journal WHERE type = 'ivr.survey.answered'")).isEqualTo(2);
      assertThat(db.strings("SELECT call_id FROM crm_interaction WHERE phone IS NULL AND customer_id IS NULL"))
          .containsExactly("c-old");
      assertThat(db.count("SELECT count(*) FROM crm_interaction")).isEqualTo(2);
      assertThat(db.strings("SELECT call_id FROM acd_callback ORDER BY call_id")).containsExactly("cb-waiting", "cb-young");
      assertThat(db.strings("SELECT phone FROM notify_sms ORDER BY phone")).containsExactly("+4790000012", "+4790000013");
      assertThat(db.strings("SELECT phone FROM notify_call")).containsExactly("+4722000002");
      assertThat(db.count("SELECT count(*) FROM notify_operator_call")).isEqualTo(1);
      assertThat(db.strings("SELECT phone FROM notify_subscription")).containsExactly("+4790000022");
      assertThat(db.count("SELECT count(*) FROM crm_ticket")).isEqualTo(3);
      assertThat(db.strings("SELECT id FROM crm_ticket WHERE customer_id IS NULL AND subject = '[anonymised]' "
          + "AND description IS NULL")).containsExactly("1");
      assertThat(db.strings("SELECT body FROM crm_ticket_note")).containsExactly("[anonymised]");
      assertThat(db.strings("SELECT kwh::int FROM crm_meter_reading")).containsExactly("200");
      assertThat(db.strings("SELECT aggregate FROM crm_outbox ORDER BY aggregate")).containsExactly("ticket:2", "ticket:3");
      assertThat(db.strings("SELECT call_id FROM rec_recording WHERE status = 'purged'")).containsExactly("rec-old");
      assertThat(Files.exists(oldRecording)).isFalse();
      assertThat(Files.exists(youngRecording)).isTrue();
      // The hazard call is kept five years (recordings.retention-by-topic); retention archived it, it is not purged.
      assertThat(db.strings("SELECT status FROM rec_recording WHERE call_id = 'rec-hazard'")).containsExactly("archived");
      assertThat(Files.exists(oldVoicemail)).isFalse();
      assertThat(Files.exists(youngVoicemail)).isTrue();
      assertThat(db.count("SELECT count(*) FROM crm_customer")).isEqualTo(2);
    }
  }
}
