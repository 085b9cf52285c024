package org.gridcare.privacy.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridcare.platform.audit.Audit;
import org.gridcare.privacy.app.Footprint;
import org.gridcare.privacy.app.PersonalData;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.Sweep;

/**
 * Personal data by category, in SQL on the owning modules' tables. Each retention sweep is a pair of statements over
 * the same condition (count and oldest; then delete or anonymise), run in one transaction; {@code $1} is the cutoff.
 * Anonymised rows keep their counts for reports. The audit's oldest prefix is cut by the audit itself.
 */
public final class PgPersonalData implements PersonalData {
  private static final String CLOSED_TICKET = "('resolved', 'closed', 'cancelled')";
  static final String ANONYMISED = "[anonymised]";
  static final String ERASED = "[erased]";

  private final Pool pool;
  private final Audit audit;
  private final Map<Category, List<Sweeper>> sweepers = sweepers();

  public PgPersonalData(Pool pool, Audit audit) {
    this.pool = pool;
    this.audit = audit;
  }

  /** {@code from} names the rows, {@code oldest} their age column, {@code act} the change (same WHERE). */
  record Sweeper(String from, String where, String oldest, String act) {
    String count() {
      return "SELECT count(*) AS n, min(" + oldest + ") AS oldest FROM " + from + " WHERE " + where;
    }
  }

  private static String notHeld(String column) {
    return "(" + column + " IS NULL OR " + column + "::text NOT IN (SELECT customer_id FROM privacy_legal_hold))";
  }

  private static Map<Category, List<Sweeper>> sweepers() {
    Map<Category, List<Sweeper>> m = new EnumMap<>(Category.class);
    String journal = "at < $1 AND (phone IS NOT NULL OR customer_id IS NOT NULL) AND " + notHeld("customer_id");
    m.put(Category.CALL_JOURNAL, List.of(new Sweeper("journal", journal, "at",
        "UPDATE journal SET phone = NULL, customer_id = NULL WHERE " + journal)));
    String survey = "type = 'ivr.survey.answered' AND at < $1 AND (phone IS NOT NULL OR customer_id IS NOT NULL "
        + "OR call_id IS NOT NULL) AND " + notHeld("customer_id");
    m.put(Category.SURVEY_ANSWERS, List.of(new Sweeper("journal", survey, "at",
        "UPDATE journal SET phone = NULL, customer_id = NULL, call_id = NULL WHERE " + survey)));
    String interactions = "started_at < $1 AND (phone IS NOT NULL OR customer_id IS NOT NULL) AND "
        + notHeld("customer_id");
    m.put(Category.INTERACTIONS, List.of(new Sweeper("crm_interaction", interactions, "started_at",
        "UPDATE crm_interaction SET phone = NULL, customer_id = NULL WHERE " + interactions)));
    String callbacks = "requested_at < $1 AND status IN ('connected', 'missed', 'cancelled') AND "
        + notHeld("customer_id");
    m.put(Category.CALLBACKS, List.of(new Sweeper("acd_callback", callbacks, "requested_at",
        "DELETE FROM acd_callback WHERE " + callbacks)));
    String sms = "updated_at < $1 AND state NOT IN ('PENDING', 'SENDING') AND " + notHeld("customer_id");
    m.put(Category.SMS_LOG, List.of(new Sweeper("notify_sms", sms, "updated_at", "DELETE FROM notify_sms WHERE " + sms)));
    String calls = "updated_at < $1 AND state IN ('DONE', 'FAILED') AND " + notHeld("customer_id");
    String operatorCalls = "done AND campaign_id IN (SELECT id FROM notify_campaign WHERE created_at < $1) AND "
        + notHeld("customer_id");
    String subscriptions = "created_at < $1 AND " + notHeld("customer_id");
    m.put(Category.VOICE_NOTIFICATION_LOG, List.of(
        new Sweeper("notify_call", calls, "updated_at", "DELETE FROM notify_call WHERE " + calls),
        new Sweeper("notify_operator_call", operatorCalls,
            "(SELECT created_at FROM notify_campaign c WHERE c.id = campaign_id)",
            "DELETE FROM notify_operator_call WHERE " + operatorCalls),
        new Sweeper("notify_subscription", subscriptions, "created_at",
            "DELETE FROM notify_subscription WHERE " + subscriptions)));
    String tickets = "status IN " + CLOSED_TICKET + " AND updated_at < $1 AND subject <> '" + ANONYMISED + "' AND "
        + notHeld("customer_id");
    m.put(Category.TICKETS, List.of(new Sweeper("crm_ticket", tickets, "updated_at",
        "WITH t AS (UPDATE crm_ticket SET customer_id = NULL, subject = '" + ANONYMISED + "', description = NULL WHERE "
            + tickets + " RETURNING id), n AS (UPDATE crm_ticket_note SET body = '" + ANONYMISED
            + "' WHERE ticket_id IN (SELECT id FROM t)), r AS (UPDATE crm_ticket_transition SET reason = NULL "
            + "WHERE ticket_id IN (SELECT id FROM t)) SELECT id FROM t")));
    String readings = "read_at < $1 AND " + notHeld("(SELECT p.customer_id FROM crm_metering_point p WHERE p.gsrn = "
        + "crm_meter_reading.gsrn)");
    m.put(Category.METER_READINGS, List.of(new Sweeper("crm_meter_reading", readings, "read_at",
        "DELETE FROM crm_meter_reading WHERE " + readings)));
    String outbox = "delivered_at IS NOT NULL AND delivered_at < $1";
    m.put(Category.CRM_OUTBOX, List.of(new Sweeper("crm_outbox", outbox, "created_at",
        "DELETE FROM crm_outbox WHERE " + outbox)));
    m.put(Category.AUDIT, List.of(new Sweeper("audit", "at < $1", "at", null)));
    return m;
  }

  private List<Sweeper> sweepersOf(Category c) {
    List<Sweeper> s = sweepers.get(c);
    if (s == null) {
      throw new IllegalArgumentException(c.id() + " is not kept in the database or not swept by the clock");
    }
    return s;
  }

  @Override
  public Future<Sweep> expired(Category category, Instant cutoff) {
    return Future.succeededFuture(category).map(this::sweepersOf).compose(list -> count(pool, category, list, cutoff));
  }

  private static Future<Sweep> count(SqlClient sql, Category c, List<Sweeper> list, Instant cutoff) {
    Future<Sweep> total = Future.succeededFuture(Sweep.none(c));
    for (Sweeper s : list) {
      total = total.compose(sum -> sql.preparedQuery(s.count()).execute(Tuple.of(ts(cutoff))).map(rows -> {
        Row r = rows.iterator().next();
        OffsetDateTime oldest = r.getOffsetDateTime("oldest");
        return sum.plus(new Sweep(c, r.getLong("n"), oldest == null ? null : oldest.toInstant()));
      }));
    }
    return total;
  }

  @Override
  public Future<Sweep> purge(Category category, Instant cutoff) {
    if (category == Category.AUDIT) {
      return purgeAudit(cutoff);
    }
    return Future.succeededFuture(category).map(this::sweepersOf).compose(list -> pool.withTransaction(tx -> {
      Future<Sweep> total = Future.succeededFuture(Sweep.none(category));
      for (Sweeper s : list) {
        total = total.compose(sum -> count(tx, category, List.of(s), cutoff)
            .compose(found -> tx.preparedQuery(s.act()).execute(Tuple.of(ts(cutoff))).map(sum.plus(found))));
      }
      return total;
    }));
  }

  /** The audit is cut by its owner (storage's PgAudit), which keeps the chain verifiable from a checkpoint. */
  private Future<Sweep> purgeAudit(Instant cutoff) {
    return audit.purgeBefore(cutoff).map(p -> new Sweep(Category.AUDIT, p.entries(), p.oldest()));
  }

  @Override
  public Future<Optional<Footprint>> footprint(long customerId) {
    Tuple id = Tuple.of(customerId);
    return pool.preparedQuery("SELECT id FROM crm_customer WHERE id = $1::bigint").execute(id).compose(found -> {
      if (found.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      // Numbers the customer called from or registered, minus those another customer has registered.
      return pool.preparedQuery("SELECT n, n IN (SELECT e164 FROM crm_phone WHERE customer_id <> $1::bigint) AS shared "
              + "FROM (SELECT e164 AS n FROM crm_phone WHERE customer_id = $1::bigint "
              + "UNION SELECT phone FROM crm_interaction WHERE customer_id = $1::bigint "
              + "UNION SELECT phone FROM journal WHERE customer_id = $1::bigint::text "
              + "UNION SELECT customer_phone FROM rec_recording WHERE customer_id = $1::bigint::text) x "
              + "WHERE n IS NOT NULL").execute(id)
          .compose(phoneRows -> {
            Set<String> phones = new HashSet<>();
            int[] shared = {0};
            phoneRows.forEach(r -> {
              if (r.getBoolean("shared")) {
                shared[0]++;
              } else {
                phones.add(r.getString("n"));
              }
            });
            Tuple both = Tuple.tuple().addLong(customerId).addArrayOfString(phones.toArray(new String[0]));
            return Future.all(
                pool.preparedQuery("SELECT call_id FROM crm_interaction WHERE customer_id = $1::bigint OR phone = ANY($2) "
                    + "UNION SELECT call_id FROM journal WHERE call_id IS NOT NULL AND (customer_id = $1::bigint::text OR "
                    + "phone = ANY($2))").execute(both),
                pool.preparedQuery("SELECT count(*) AS n FROM crm_ticket WHERE customer_id = $1::bigint AND status NOT IN "
                    + CLOSED_TICKET).execute(id),
                pool.preparedQuery("SELECT 1 FROM privacy_legal_hold WHERE customer_id = $1::bigint::text").execute(id),
                pool.preparedQuery("SELECT id::text AS id, store_key, legal_hold, status FROM rec_recording "
                    + "WHERE customer_id = $1::bigint::text OR customer_phone = ANY($2) ORDER BY started_at").execute(both))
                .map(all -> {
                  Set<String> calls = new HashSet<>();
                  all.<RowSet<Row>>resultAt(0).forEach(r -> calls.add(r.getString("call_id")));
                  int open = all.<RowSet<Row>>resultAt(1).iterator().next().getLong("n").intValue();
                  boolean held = all.<RowSet<Row>>resultAt(2).size() > 0;
                  List<Footprint.RecordingRef> recs = new ArrayList<>();
                  all.<RowSet<Row>>resultAt(3).forEach(r -> recs.add(new Footprint.RecordingRef(r.getString("id"),
                      r.getString("store_key"), r.getBoolean("legal_hold"), r.getString("status"))));
                  return Optional.of(new Footprint(customerId, phones, shared[0], calls, open, held, recs));
                });
          });
    });
  }

  /**
   * Every customer-scoped statement starts with this: the customer's id (also as text, for the modules that keep
   * ids as text), their own numbers and their recordings, bound once as $1..$3.
   */
  private static final String ME = "WITH me AS (SELECT $1::bigint AS id, $1::bigint::text AS ref, $2::text[] AS phones, "
      + "$3::text[] AS recordings) ";

  /** Per category: how many of the customer's rows it holds (for the erasure report). */
  private static final Map<Category, String> OF_CUSTOMER = Map.ofEntries(
      Map.entry(Category.CALL_JOURNAL, "SELECT count(*) FROM journal j, me WHERE j.customer_id = me.ref "
          + "OR j.phone = ANY(me.phones)"),
      Map.entry(Category.SURVEY_ANSWERS, "SELECT count(*) FROM journal j, me WHERE j.type = 'ivr.survey.answered' AND "
          + "(j.customer_id = me.ref OR j.phone = ANY(me.phones))"),
      Map.entry(Category.INTERACTIONS, "SELECT count(*) FROM crm_interaction i, me WHERE i.customer_id = me.id "
          + "OR i.phone = ANY(me.phones)"),
      Map.entry(Category.CALLBACKS, "SELECT count(*) FROM acd_callback c, me WHERE c.customer_id = me.ref "
          + "OR c.phone = ANY(me.phones)"),
      Map.entry(Category.SMS_LOG, "SELECT count(*) FROM notify_sms s, me WHERE s.customer_id = me.ref "
          + "OR s.phone = ANY(me.phones)"),
      Map.entry(Category.VOICE_NOTIFICATION_LOG, "SELECT (SELECT count(*) FROM notify_call c WHERE c.customer_id = me.ref "
          + "OR c.phone = ANY(me.phones)) + (SELECT count(*) FROM notify_operator_call o WHERE o.customer_id = me.ref "
          + "OR o.phone = ANY(me.phones)) + (SELECT count(*) FROM notify_subscription s WHERE s.customer_id = me.ref "
          + "OR s.phone = ANY(me.phones)) FROM me"),
      Map.entry(Category.TICKETS, "SELECT count(*) FROM crm_ticket t, me WHERE t.customer_id = me.id"),
      Map.entry(Category.METER_READINGS, "SELECT count(*) FROM crm_meter_reading r, me WHERE r.gsrn IN "
          + "(SELECT gsrn FROM crm_metering_point p WHERE p.customer_id = me.id)"),
      Map.entry(Category.CRM_OUTBOX, "SELECT count(*) FROM crm_outbox o, me WHERE o.aggregate = 'customer:' || me.ref "
          + "OR o.aggregate IN (SELECT 'ticket:' || t.id FROM crm_ticket t WHERE t.customer_id = me.id)"),
      Map.entry(Category.AUDIT, "SELECT count(*) FROM audit a, me WHERE a.subject_type = 'customer' "
          + "AND a.subject_id = me.ref"),
      Map.entry(Category.CUSTOMER_FILE, "SELECT (SELECT count(*) FROM crm_customer c WHERE c.id = me.id) "
          + "+ (SELECT count(*) FROM crm_phone p WHERE p.customer_id = me.id) FROM me"),
      Map.entry(Category.OPT_OUTS, "SELECT count(*) FROM notify_opt_out o, me WHERE o.phone = ANY(me.phones)"));

  @Override
  public Future<Map<Category, Long>> count(Footprint f) {
    Tuple args = me(f);
    Map<Category, Long> counts = new EnumMap<>(Category.class);
    Future<Void> chain = Future.succeededFuture();
    for (var e : OF_CUSTOMER.entrySet()) {
      chain = chain.compose(v -> pool.preparedQuery(ME + e.getValue()).execute(args).map(rows -> {
        counts.put(e.getKey(), rows.iterator().next().getLong(0));
        return null;
      }));
    }
    return chain.map(counts);
  }

  /**
   * Per category: the statements that erase the customer's data from it. In this order: the outbox rows are found
   * through the tickets, before the tickets lose their customer.
   */
  private static final Map<Category, List<String>> ERASE = ordered(
      Map.entry(Category.CALL_JOURNAL, List.of("UPDATE journal j SET phone = NULL, customer_id = NULL FROM me "
          + "WHERE j.customer_id = me.ref OR j.phone = ANY(me.phones)")),
      Map.entry(Category.INTERACTIONS, List.of("UPDATE crm_interaction i SET phone = NULL, customer_id = NULL FROM me "
          + "WHERE i.customer_id = me.id OR i.phone = ANY(me.phones)")),
      Map.entry(Category.CALLBACKS, List.of("DELETE FROM acd_callback c USING me WHERE c.customer_id = me.ref "
          + "OR c.phone = ANY(me.phones)")),
      Map.entry(Category.RECORDINGS, List.of("UPDATE rec_recording r SET customer_phone = NULL, customer_id = NULL "
          + "FROM me WHERE r.customer_id = me.ref OR r.customer_phone = ANY(me.phones)")),
      Map.entry(Category.SMS_LOG, List.of("DELETE FROM notify_sms s USING me WHERE s.customer_id = me.ref "
          + "OR s.phone = ANY(me.phones)")),
      Map.entry(Category.CRM_OUTBOX, List.of("DELETE FROM crm_outbox o USING me WHERE o.aggregate = 'customer:' || me.ref "
          + "OR o.aggregate IN (SELECT 'ticket:' || t.id FROM crm_ticket t WHERE t.customer_id = me.id)")),
      Map.entry(Category.VOICE_NOTIFICATION_LOG, List.of(
          "DELETE FROM notify_call c USING me WHERE c.customer_id = me.ref OR c.phone = ANY(me.phones)",
          "DELETE FROM notify_operator_call o USING me WHERE o.customer_id = me.ref OR o.phone = ANY(me.phones)",
          "DELETE FROM notify_subscription s USING me WHERE s.customer_id = me.ref OR s.phone = ANY(me.phones)")),
      Map.entry(Category.TICKETS, List.of(", t AS (UPDATE crm_ticket k SET customer_id = NULL, subject = '" + ERASED
          + "', description = NULL FROM me WHERE k.customer_id = me.id RETURNING k.id), n AS (UPDATE crm_ticket_note "
          + "SET body = '" + ERASED + "' WHERE ticket_id IN (SELECT id FROM t)) UPDATE crm_ticket_transition "
          + "SET reason = NULL WHERE ticket_id IN (SELECT id FROM t)")),
      Map.entry(Category.METER_READINGS, List.of("DELETE FROM crm_meter_reading r USING me WHERE r.gsrn IN "
          + "(SELECT gsrn FROM crm_metering_point p WHERE p.customer_id = me.id)")),
      Map.entry(Category.OPT_OUTS, List.of("DELETE FROM notify_opt_out o USING me WHERE o.phone = ANY(me.phones)")),
      Map.entry(Category.CUSTOMER_FILE, List.of(
          "DELETE FROM crm_phone p USING me WHERE p.customer_id = me.id",
          // The street goes unless another customer is registered at the same address (then it is theirs too).
          "UPDATE crm_address a SET street = '" + ERASED + "' FROM crm_customer c, me WHERE c.id = me.id AND "
              + "a.id = c.address_id AND NOT EXISTS (SELECT 1 FROM crm_customer o WHERE o.address_id = a.id "
              + "AND o.id <> me.id)",
          // The digest stays unique (and derived from nothing personal); the ciphertext and last digits go.
          "UPDATE crm_customer c SET name = '" + ERASED + "', identity_cipher = '\\x00'::bytea, identity_digest = "
              + "sha256(('erased:' || c.id)::bytea), identity_last2 = '00', updated_at = now() FROM me "
              + "WHERE c.id = me.id")));

  @SafeVarargs
  private static Map<Category, List<String>> ordered(Map.Entry<Category, List<String>>... entries) {
    Map<Category, List<String>> m = new LinkedHashMap<>();
    for (var e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }

  @Override
  public Future<Void> erase(Footprint f, Set<Category> categories) {
    Tuple args = me(f);
    return pool.withTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (var e : ERASE.entrySet()) {
        for (String sql : categories.contains(e.getKey()) ? e.getValue() : List.<String>of()) {
          // A statement starting with "," continues the WITH (data-modifying CTEs).
          String full = sql.startsWith(",") ? ME.stripTrailing() + sql : ME + sql;
          chain = chain.compose(v -> tx.preparedQuery(full).execute(args).mapEmpty());
        }
      }
      return chain;
    });
  }

  /** Name of the export section → the customer's rows. */
  private static final Map<String, String> EXPORT = exportQueries();

  private static Map<String, String> exportQueries() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("customer", "SELECT c.number, c.kind, c.name, '*********' || c.identity_last2 AS identity_masked, "
        + "c.created_at, c.updated_at, a.street, a.postcode, a.city FROM crm_customer c JOIN crm_address a "
        + "ON a.id = c.address_id, me WHERE c.id = me.id");
    q.put("phones", "SELECT e164, mobile, notify_consent FROM crm_phone p, me WHERE p.customer_id = me.id "
        + "ORDER BY position");
    q.put("meteringPoints", "SELECT gsrn, meter_number FROM crm_metering_point p, me WHERE p.customer_id = me.id");
    q.put("meterReadings", "SELECT gsrn, kwh::text AS kwh, read_at, source FROM crm_meter_reading r, me WHERE r.gsrn IN "
        + "(SELECT gsrn FROM crm_metering_point p WHERE p.customer_id = me.id) ORDER BY read_at");
    q.put("applications", "SELECT number, requested_kw, stage, submitted_at, stage_since FROM crm_application a, me "
        + "WHERE a.customer_id = me.id");
    q.put("tickets", "SELECT t.number, t.topic, t.status, t.subject, t.description, t.created_at, t.updated_at, "
        + "(SELECT coalesce(json_agg(json_build_object('at', n.at, 'author', n.author, 'body', n.body) ORDER BY n.id), "
        + "'[]') FROM crm_ticket_note n WHERE n.ticket_id = t.id) AS notes FROM crm_ticket t, me "
        + "WHERE t.customer_id = me.id ORDER BY t.created_at");
    q.put("calls", "SELECT call_id, phone, direction, ivr_path, line, started_at, answered_at, ended_at, outcome "
        + "FROM crm_interaction i, me WHERE i.customer_id = me.id OR i.phone = ANY(me.phones) ORDER BY started_at");
    q.put("callEvents", "SELECT at, type, call_id, line, phone FROM journal j, me WHERE j.customer_id = me.ref "
        + "OR j.phone = ANY(me.phones) ORDER BY j.id");
    q.put("callbacks", "SELECT phone, topic, requested_at, status FROM acd_callback c, me WHERE c.customer_id = me.ref "
        + "OR c.phone = ANY(me.phones)");
    q.put("recordings", "SELECT r.id::text AS id, call_id, started_at, ended_at, direction, topic, status, legal_hold "
        + "FROM rec_recording r, me WHERE r.id::text = ANY(me.recordings) ORDER BY started_at");
    q.put("sms", "SELECT phone, language, body, state, updated_at FROM notify_sms s, me WHERE s.customer_id = me.ref "
        + "OR s.phone = ANY(me.phones) ORDER BY s.id");
    q.put("automatedCalls", "SELECT phone, language, message, state, outcome, updated_at FROM notify_call c, me "
        + "WHERE c.customer_id = me.ref OR c.phone = ANY(me.phones) ORDER BY c.id");
    q.put("outageSubscriptions", "SELECT phone, language, created_at FROM notify_subscription s, me "
        + "WHERE s.customer_id = me.ref OR s.phone = ANY(me.phones)");
    q.put("smsObjections", "SELECT phone, source, opted_out_at FROM notify_opt_out o, me WHERE o.phone = ANY(me.phones)");
    q.put("accessLog", "SELECT at, actor, action, subject_type, subject_id, reason FROM audit a, me "
        + "WHERE (a.subject_type = 'customer' AND a.subject_id = me.ref) "
        + "OR (a.subject_type = 'recording' AND a.subject_id = ANY(me.recordings)) ORDER BY a.id");
    return q;
  }

  @Override
  public Future<Map<String, Object>> export(Footprint f) {
    Tuple args = me(f);
    Map<String, Object> out = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (var e : EXPORT.entrySet()) {
      chain = chain.compose(v -> pool.preparedQuery(ME + e.getValue()).execute(args).map(rows -> {
        List<Object> list = new ArrayList<>();
        rows.forEach(r -> list.add(json(r)));
        out.put(e.getKey(), e.getKey().equals("customer") ? (list.isEmpty() ? null : list.get(0)) : list);
        return (Void) null;
      }).recover(x -> Future.failedFuture(new IllegalStateException("export of " + e.getKey() + " failed", x))));
    }
    return chain.map(out);
  }

  private static Map<String, Object> json(Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < r.size(); i++) {
      Object v = r.getValue(i);
      if (v instanceof Temporal t) {
        v = t instanceof OffsetDateTime o ? o.toInstant().toString() : t.toString();
      } else if (v instanceof Object[] a) {
        v = new JsonArray(List.of(a));
      } else if (v instanceof JsonArray || v instanceof JsonObject || v instanceof Number || v instanceof Boolean
          || v instanceof String || v == null) {
        // JSON as is
      } else {
        v = v.toString();
      }
      m.put(r.getColumnName(i), v);
    }
    return m;
  }

  @Override
  public Future<Void> hold(long customerId, String actor, String reason, Instant at) {
    return pool.preparedQuery("INSERT INTO privacy_legal_hold (customer_id, reason, placed_by, placed_at) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT (customer_id) DO UPDATE SET reason = EXCLUDED.reason, "
            + "placed_by = EXCLUDED.placed_by, placed_at = EXCLUDED.placed_at")
        .execute(Tuple.of(String.valueOf(customerId), reason, actor, ts(at))).mapEmpty();
  }

  @Override
  public Future<Boolean> release(long customerId) {
    return pool.preparedQuery("DELETE FROM privacy_legal_hold WHERE customer_id = $1")
        .execute(Tuple.of(String.valueOf(customerId))).map(rows -> rows.rowCount() > 0);
  }

  /** The parameters of {@link #ME} (each array is one parameter: not Tuple.of's varargs). */
  private static Tuple me(Footprint f) {
    return Tuple.tuple().addLong(f.customerId()).addArrayOfString(f.phones().toArray(new String[0]))
        .addArrayOfString(f.recordings().stream().map(Footprint.RecordingRef::id).toArray(String[]::new));
  }

  private static OffsetDateTime ts(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
