package org.gridcare.notifications.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.gridcare.notifications.app.CampaignPlan;
import org.gridcare.notifications.app.OutageStore;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Channel;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.notifications.domain.OutageKind;
import org.gridcare.notifications.domain.OutageState;
import org.gridcare.notifications.domain.Recipient;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/** Outages and campaigns in {@code notify_outage}, {@code notify_campaign} and the outbox tables. */
public final class PgOutages implements OutageStore {
  private static final int CHUNK = 5000;
  private static final String COLUMNS = "id, kind, state, substations, feeders, postcodes, cause, starts_at, ends_at, "
      + "estimated_restoration, notified_estimate, restored_at, source, external_ref, created_at, version, urgent";

  private final Pool pool;

  public PgOutages(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Outage> create(Outage o, List<CampaignPlan> campaigns) {
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO notify_outage (" + COLUMNS + ") VALUES "
            + "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) ON CONFLICT (external_ref) DO NOTHING")
        .execute(values(o, o.version()))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.failedFuture(DomainException.conflict("outage-exists",
                "An outage with external reference " + o.externalRef() + " exists"));
          }
          return PgJournal.append(conn, JournalEntry.of("notify.outage.created").data(summary(o)));
        })
        .compose(v -> campaigns(conn, campaigns))
        .map(v -> o));
  }

  @Override
  public Future<Outage> update(Outage o, List<CampaignPlan> campaigns) {
    Outage next = new Outage(o.id(), o.kind(), o.state(), o.area(), o.cause(), o.start(), o.end(),
        o.estimatedRestoration(), o.notifiedEstimate(), o.restoredAt(), o.source(), o.externalRef(), o.urgent(),
        o.createdAt(), o.version() + 1);
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_outage SET state=$2, ends_at=$3, "
            + "estimated_restoration=$4, notified_estimate=$5, restored_at=$6, version=$7 WHERE id=$1 AND version=$8")
        .execute(Tuple.of(o.id(), o.state().name(), ts(o.end()), ts(o.estimatedRestoration()),
            ts(o.notifiedEstimate()), ts(o.restoredAt()), next.version(), o.version()))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.failedFuture(DomainException.conflict("outage-changed",
                "Outage " + o.id() + " was changed meanwhile; reload it and try again"));
          }
          String type = o.state() == OutageState.RESTORED ? "notify.outage.restored"
              : o.state() == OutageState.CANCELLED ? "notify.outage.cancelled" : "notify.outage.updated";
          return PgJournal.append(conn, JournalEntry.of(type).data(summary(next)));
        })
        .compose(v -> campaigns(conn, campaigns))
        .map(v -> next));
  }

  @Override
  public Future<Optional<Outage>> find(UUID id) {
    return one("SELECT " + COLUMNS + " FROM notify_outage WHERE id=$1", Tuple.of(id));
  }

  @Override
  public Future<Optional<Outage>> findByExternalRef(String externalRef) {
    return one("SELECT " + COLUMNS + " FROM notify_outage WHERE external_ref=$1", Tuple.of(externalRef));
  }

  @Override
  public Future<List<Outage>> open() {
    return many("SELECT " + COLUMNS + " FROM notify_outage WHERE state IN ('SCHEDULED','ACTIVE') "
        + "ORDER BY created_at DESC", Tuple.tuple());
  }

  @Override
  public Future<List<Outage>> plannedDue(Instant now, Duration noticeAhead) {
    return many("SELECT " + COLUMNS + " FROM notify_outage WHERE kind='PLANNED' AND state='SCHEDULED' "
        + "AND starts_at <= $1 ORDER BY starts_at", Tuple.of(ts(now.plus(noticeAhead))));
  }

  @Override
  public Future<Boolean> campaignExists(UUID outageId, String key) {
    return pool.preparedQuery("SELECT 1 FROM notify_campaign WHERE outage_id=$1 AND key=$2")
        .execute(Tuple.of(outageId, key)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Void> subscribe(UUID outageId, Recipient subscriber) {
    return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO notify_subscription (outage_id, phone, "
            + "language, customer_id) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(outageId, subscriber.phone(), subscriber.language(), subscriber.customerId()))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : PgJournal.append(conn, JournalEntry.of("notify.subscription.added").customer(subscriber.customerId())
                .phone(subscriber.phone()).data(Map.of("outage", outageId.toString())))));
  }

  @Override
  public Future<List<Recipient>> subscribers(UUID outageId) {
    return pool.preparedQuery("SELECT phone, language, customer_id FROM notify_subscription WHERE outage_id=$1 "
        + "ORDER BY created_at").execute(Tuple.of(outageId)).map(rows -> {
          List<Recipient> out = new ArrayList<>();
          // The channel is decided when the restoration message is planned.
          rows.forEach(r -> out.add(new Recipient(r.getString("phone"), Channel.SMS, r.getString("customer_id"),
              r.getString("language"))));
          return out;
        });
  }

  private Future<Void> campaigns(SqlConnection conn, List<CampaignPlan> plans) {
    Future<Void> chain = Future.succeededFuture();
    for (CampaignPlan plan : plans) {
      chain = chain.compose(v -> campaign(conn, plan));
    }
    return chain;
  }

  private Future<Void> campaign(SqlConnection conn, CampaignPlan plan) {
    var c = plan.campaign();
    JsonObject excluded = new JsonObject();
    plan.excluded().forEach((k, n) -> excluded.put(k.name(), n));
    return conn.preparedQuery("INSERT INTO notify_campaign (id, outage_id, kind, key, created_at, excluded) "
            + "VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (outage_id, key) DO NOTHING")
        .execute(Tuple.of(c.id(), c.outageId(), c.kind().name(), c.key(), ts(c.createdAt()), excluded))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.succeededFuture(); // this notice exists already (another instance, a repeated report)
          }
          List<CampaignPlan.Message> sms = new ArrayList<>();
          List<CampaignPlan.Message> voice = new ArrayList<>();
          plan.messages().forEach(m -> (m.recipient().channel() == Channel.SMS ? sms : voice).add(m));
          Map<String, Object> data = new HashMap<>();
          data.put("campaign", c.id().toString());
          data.put("outage", c.outageId().toString());
          data.put("kind", c.kind().name());
          data.put("sms", sms.size());
          data.put("voice", voice.size());
          data.put("operatorCalls", plan.operatorCalls().size());
          data.put("excluded", excluded.getMap());
          return insertChunks(conn, "notify_sms", "body", c.id(), sms)
              .compose(v -> insertChunks(conn, "notify_call", "message", c.id(), voice))
              .compose(v -> operatorCalls(conn, plan))
              .compose(v -> PgJournal.append(conn, JournalEntry.of("notify.campaign.created").data(data)));
        });
  }

  private Future<Void> insertChunks(SqlConnection conn, String table, String textColumn, UUID campaign,
      List<CampaignPlan.Message> messages) {
    Future<Void> chain = Future.succeededFuture();
    boolean sms = table.equals("notify_sms");
    String sql = "INSERT INTO " + table + " (campaign_id, phone, customer_id, language, " + textColumn
        + (sms ? ", idempotency_key" : "") + ") SELECT $1, p, c, l, t" + (sms ? ", k" : "")
        + " FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]" + (sms ? ", $6::uuid[]" : "")
        + ") AS x(p, c, l, t" + (sms ? ", k" : "") + ") ON CONFLICT (campaign_id, phone) DO NOTHING";
    for (int from = 0; from < messages.size(); from += CHUNK) {
      List<CampaignPlan.Message> part = messages.subList(from, Math.min(messages.size(), from + CHUNK));
      String[] phones = new String[part.size()];
      String[] customers = new String[part.size()];
      String[] languages = new String[part.size()];
      String[] texts = new String[part.size()];
      UUID[] keys = new UUID[part.size()];
      for (int i = 0; i < part.size(); i++) {
        var m = part.get(i);
        phones[i] = m.recipient().phone();
        customers[i] = m.recipient().customerId();
        languages[i] = m.recipient().language();
        texts[i] = m.text();
        keys[i] = UUID.randomUUID();
      }
      Tuple args = Tuple.of(campaign, phones, customers, languages, texts);
      if (sms) {
        args.addArrayOfUUID(keys);
      }
      chain = chain.compose(v -> conn.preparedQuery(sql).execute(args).mapEmpty());
    }
    return chain;
  }

  private Future<Void> operatorCalls(SqlConnection conn, CampaignPlan plan) {
    if (plan.operatorCalls().isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = plan.operatorCalls().stream()
        .map(c -> Tuple.of(plan.campaign().id(), c.customerId(), c.name(), c.phone())).toList();
    return conn.preparedQuery("INSERT INTO notify_operator_call (campaign_id, customer_id, name, phone) "
        + "VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING").executeBatch(rows).mapEmpty();
  }

  private Future<Optional<Outage>> one(String sql, Tuple args) {
    return many(sql, args).map(list -> list.stream().findFirst());
  }

  private Future<List<Outage>> many(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).map(rows -> {
      List<Outage> out = new ArrayList<>();
      rows.forEach(r -> out.add(outage(r)));
      return out;
    });
  }

  static Outage outage(Row r) {
    return new Outage(r.getUUID("id"), OutageKind.valueOf(r.getString("kind")),
        OutageState.valueOf(r.getString("state")),
        new Area(Set.of(r.getArrayOfStrings("substations")), Set.of(r.getArrayOfStrings("feeders")),
            Set.of(r.getArrayOfStrings("postcodes"))),
        r.getString("cause"), instant(r, "starts_at"), instant(r, "ends_at"), instant(r, "estimated_restoration"),
        instant(r, "notified_estimate"), instant(r, "restored_at"), r.getString("source"), r.getString("external_ref"),
        r.getBoolean("urgent"), instant(r, "created_at"), r.getLong("version"));
  }

  private static Tuple values(Outage o, long version) {
    return Tuple.from(new Object[] {o.id(), o.kind().name(), o.state().name(),
        o.area().substations().toArray(String[]::new), o.area().feeders().toArray(String[]::new),
        o.area().postcodes().toArray(String[]::new), o.cause(), ts(o.start()), ts(o.end()),
        ts(o.estimatedRestoration()), ts(o.notifiedEstimate()), ts(o.restoredAt()), o.source(), o.externalRef(),
        ts(o.createdAt()), version, o.urgent()});
  }

  private static Map<String, Object> summary(Outage o) {
    Map<String, Object> m = new HashMap<>();
    m.put("outage", o.id().toString());
    m.put("kind", o.kind().name());
    m.put("state", o.state().name());
    m.put("cause", o.cause());
    m.put("source", o.source());
    m.put("urgent", o.urgent());
    if (o.estimatedRestoration() != null) {
      m.put("estimatedRestoration", o.estimatedRestoration().toString());
    }
    return m;
  }

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
