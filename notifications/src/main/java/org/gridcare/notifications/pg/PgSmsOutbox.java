package org.gridcare.notifications.pg;

import static org.gridcare.notifications.pg.PgOutages.instant;
import static org.gridcare.notifications.pg.PgOutages.ts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gridcare.notifications.app.OutboxSms;
import org.gridcare.notifications.app.SmsOutbox;
import org.gridcare.notifications.domain.CampaignProgress;
import org.gridcare.notifications.domain.DeliveryState;
import org.gridcare.notifications.domain.NotificationKind;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/**
 * The SMS outbox in {@code notify_sms}. Claims use {@code FOR UPDATE SKIP LOCKED}, so any number of senders share
 * the work without handing one row to two of them; every later transition checks the row is still SENDING, so a
 * sender whose lease was taken over cannot overwrite what the new owner did.
 */
public final class PgSmsOutbox implements SmsOutbox {
  private static final String RETURNING = " RETURNING id, campaign_id, phone, customer_id, body, idempotency_key, "
      + "attempts, claimed_at";

  private final Pool pool;

  public PgSmsOutbox(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<OutboxSms>> claim(int max, Duration lease) {
    return pool.preparedQuery("UPDATE notify_sms SET state='SENDING', attempts=attempts+1, claimed_at=now(), "
            + "lease_until=now() + $2 * interval '1 millisecond', updated_at=now() WHERE id IN ("
            + "SELECT id FROM notify_sms WHERE state='PENDING' AND next_attempt_at <= now() "
            + "ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)" + RETURNING)
        .execute(Tuple.of(max, lease.toMillis())).map(PgSmsOutbox::rows);
  }

  @Override
  public Future<List<OutboxSms>> claimInDoubt(int max, Duration lease) {
    // claimed_at stays: it bounds the provider lookup for the message the dead sender may have sent.
    return pool.preparedQuery("UPDATE notify_sms SET lease_until=now() + $2 * interval '1 millisecond', "
            + "updated_at=now() WHERE id IN (SELECT id FROM notify_sms WHERE state='SENDING' AND lease_until < now() "
            + "ORDER BY lease_until LIMIT $1 FOR UPDATE SKIP LOCKED)" + RETURNING)
        .execute(Tuple.of(max, lease.toMillis())).map(PgSmsOutbox::rows);
  }

  @Override
  public Future<Void> sent(OutboxSms sms, String providerSid) {
    return transition(sms, "state='SENT', provider_sid=$2, error=NULL", providerSid, "notify.sms.sent",
        Map.of("sid", providerSid));
  }

  @Override
  public Future<Void> retryAt(OutboxSms sms, Instant at, String error) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_sms SET state='PENDING', lease_until=NULL, "
            + "next_attempt_at=$2, error=$3, updated_at=now() WHERE id=$1 AND state='SENDING'")
        .execute(Tuple.of(sms.id(), ts(at), error))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : PgJournal.append(conn, entry("notify.sms.retried", sms, Map.of("error", error, "attempt", sms.attempts())))));
  }

  @Override
  public Future<Void> failed(OutboxSms sms, String error) {
    return transition(sms, "state='FAILED', error=$2", error, "notify.sms.failed", Map.of("error", error));
  }

  @Override
  public Future<Void> optedOut(OutboxSms sms, String error) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_sms SET state='OPTED_OUT', error=$2, "
            + "lease_until=NULL, updated_at=now() WHERE id=$1 AND state='SENDING'")
        .execute(Tuple.of(sms.id(), error))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : PgJournal.append(conn, entry("notify.sms.opted-out", sms, Map.of("error", error)))
                .compose(v -> PgOptOuts.add(conn, sms.phone(), "provider-" + error))));
  }

  @Override
  public Future<Optional<StatusApplied>> applyStatus(UUID key, String providerSid, String status, String errorCode) {
    return pool.withTransaction(conn -> conn.preparedQuery("SELECT id, campaign_id, phone, customer_id, state, "
            + "provider_sid FROM notify_sms WHERE " + (key != null ? "idempotency_key=$1" : "provider_sid=$1")
            + " ORDER BY id LIMIT 1 FOR UPDATE")
        .execute(Tuple.of(key != null ? key : providerSid))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.<StatusApplied>empty());
          }
          Row r = rows.iterator().next();
          DeliveryState before = DeliveryState.valueOf(r.getString("state"));
          DeliveryState after = before.onProviderStatus(status);
          StatusApplied applied = new StatusApplied(r.getString("phone"), r.getString("customer_id"), before, after);
          if (after == before) {
            return Future.succeededFuture(Optional.of(applied));
          }
          Map<String, Object> data = new HashMap<>();
          data.put("campaign", r.getUUID("campaign_id").toString());
          data.put("status", status);
          if (errorCode != null) {
            data.put("error", errorCode);
          }
          String type = after == DeliveryState.DELIVERED ? "notify.sms.delivered"
              : after == DeliveryState.SENT ? "notify.sms.sent" : "notify.sms.undelivered";
          return conn.preparedQuery("UPDATE notify_sms SET state=$2, provider_sid=COALESCE(provider_sid, $3), "
                  + "error=COALESCE($4, error), lease_until=NULL, updated_at=now() WHERE id=$1")
              .execute(Tuple.of(r.getLong("id"), after.name(), providerSid, errorCode))
              .compose(v -> PgJournal.append(conn, JournalEntry.of(type).customer(r.getString("customer_id"))
                  .phone(r.getString("phone")).data(data)))
              .map(v -> Optional.of(applied));
        }));
  }

  @Override
  public Future<Optional<CampaignProgress>> progress(UUID campaignId) {
    Future<RowSet<Row>> campaign = pool.preparedQuery("SELECT outage_id, kind, "
        + "(SELECT count(*) FROM notify_operator_call WHERE campaign_id=$1) AS operator_calls "
        + "FROM notify_campaign WHERE id=$1 AND kind <> 'SURVEY'").execute(Tuple.of(campaignId)); // surveys: own API
    Future<RowSet<Row>> sms = pool.preparedQuery("SELECT state, count(*) AS n FROM notify_sms WHERE campaign_id=$1 "
        + "GROUP BY state").execute(Tuple.of(campaignId));
    Future<RowSet<Row>> calls = pool.preparedQuery("SELECT COALESCE(outcome, state) AS o, count(*) AS n "
        + "FROM notify_call WHERE campaign_id=$1 GROUP BY 1").execute(Tuple.of(campaignId));
    return Future.all(campaign, sms, calls).map(all -> {
      if (campaign.result().size() == 0) {
        return Optional.empty();
      }
      Row c = campaign.result().iterator().next();
      Map<DeliveryState, Long> bySms = new EnumMap<>(DeliveryState.class);
      sms.result().forEach(r -> bySms.put(DeliveryState.valueOf(r.getString("state")), r.getLong("n")));
      Map<String, Long> byCall = new HashMap<>();
      calls.result().forEach(r -> byCall.put(r.getString("o"), r.getLong("n")));
      return Optional.of(new CampaignProgress(campaignId, c.getUUID("outage_id"),
          NotificationKind.valueOf(c.getString("kind")), bySms, byCall, c.getLong("operator_calls").intValue()));
    });
  }

  @Override
  public Future<List<UUID>> liveCampaigns(Duration within) {
    return pool.preparedQuery("SELECT c.id FROM notify_campaign c JOIN notify_outage o ON o.id = c.outage_id "
            + "WHERE o.state IN ('SCHEDULED','ACTIVE') OR c.created_at > now() - $1 * interval '1 millisecond' "
            + "ORDER BY c.created_at").execute(Tuple.of(within.toMillis())).map(rows -> {
              List<UUID> out = new ArrayList<>();
              rows.forEach(r -> out.add(r.getUUID("id")));
              return out;
            });
  }

  @Override
  public Future<List<UUID>> campaignsOf(UUID outageId) {
    return pool.preparedQuery("SELECT id FROM notify_campaign WHERE outage_id=$1 ORDER BY created_at")
        .execute(Tuple.of(outageId)).map(rows -> {
          List<UUID> out = new ArrayList<>();
          rows.forEach(r -> out.add(r.getUUID("id")));
          return out;
        });
  }

  private Future<Void> transition(OutboxSms sms, String set, String arg, String type, Map<String, Object> data) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_sms SET " + set
            + ", lease_until=NULL, updated_at=now() WHERE id=$1 AND state='SENDING'")
        .execute(Tuple.of(sms.id(), arg))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : PgJournal.append(conn, entry(type, sms, data))));
  }

  private static JournalEntry entry(String type, OutboxSms sms, Map<String, Object> extra) {
    Map<String, Object> data = new HashMap<>(extra);
    data.put("campaign", sms.campaignId().toString());
    return JournalEntry.of(type).customer(sms.customerId()).phone(sms.phone()).data(data);
  }

  private static List<OutboxSms> rows(RowSet<Row> rows) {
    List<OutboxSms> out = new ArrayList<>();
    rows.forEach(r -> out.add(new OutboxSms(r.getLong("id"), r.getUUID("campaign_id"), r.getString("phone"),
        r.getString("customer_id"), r.getString("body"), r.getUUID("idempotency_key"), r.getInteger("attempts"),
        instant(r, "claimed_at"))));
    return out;
  }

  static Future<Void> withdrawPending(SqlClient conn, String phone) {
    return conn.preparedQuery("UPDATE notify_sms SET state='OPTED_OUT', error='opted-out', updated_at=now() "
        + "WHERE phone=$1 AND state='PENDING'").execute(Tuple.of(phone)).mapEmpty();
  }
}
