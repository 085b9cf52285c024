package org.gridcare.notifications.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridcare.notifications.app.ApplicationNotice;
import org.gridcare.notifications.app.ApplicationNoticeStore;
import org.gridcare.notifications.app.NoticeStatus;
import org.gridcare.notifications.domain.Channel;
import org.gridcare.notifications.domain.NotificationKind;
import org.gridcare.notifications.domain.StageChange;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/**
 * The CRM's {@code crm.application.advanced} journal entries relayed into campaigns, {@code notify_sms} and
 * {@code notify_call}. The cursor ({@code notify_relay_cursor}) is the last journal id handled; entries of the last
 * minute are read again whatever the cursor says, because a journal id is taken at insert but becomes visible at
 * commit, so a transaction may commit a lower id after a higher one was relayed. Those already told are left out by
 * their campaign ({@code notify_campaign.application}, {@code key} = the stage), which is also what makes storing
 * idempotent.
 */
public final class PgApplicationNotices implements ApplicationNoticeStore {
  static final String TYPE = "crm.application.advanced";

  private final Pool pool;
  private final Clock clock;

  public PgApplicationNotices(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<List<StageChange>> pending(int max) {
    // The type is written out, not a parameter, so that a generic plan still uses the partial indexes (V703); the
    // two sets are read separately so that each is an index range, not a filter over every stage change ever made.
    String recent = "SELECT id, customer_id, data FROM journal WHERE type = '" + TYPE + "' AND ";
    return pool.preparedQuery("SELECT j.id, j.customer_id, j.data->>'application' AS application, "
            + "j.data->>'stage' AS stage FROM ("
            + recent + "id > (SELECT last_id FROM notify_relay_cursor WHERE relay = '" + TYPE + "') UNION "
            + recent + "at > now() - interval '1 minute') j "
            + "WHERE j.data ? 'application' AND j.data ? 'stage' "
            + "AND NOT EXISTS (SELECT 1 FROM notify_campaign c WHERE c.application = j.data->>'application' "
            + "AND c.key = j.data->>'stage') ORDER BY j.id LIMIT $1")
        .execute(Tuple.of(max)).map(rows -> {
          List<StageChange> out = new ArrayList<>();
          rows.forEach(r -> out.add(new StageChange(r.getLong("id"), r.getString("application"),
              r.getString("stage"), r.getString("customer_id"))));
          return out;
        });
  }

  @Override
  public Future<Integer> store(List<StageChange> handled, List<ApplicationNotice> notices) {
    long last = handled.stream().mapToLong(StageChange::journalId).max().orElse(0);
    return pool.withTransaction(conn -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (ApplicationNotice n : notices) {
        chain = chain.compose(stored -> notice(conn, n).map(isNew -> isNew ? stored + 1 : stored));
      }
      return chain.compose(stored -> conn.preparedQuery("UPDATE notify_relay_cursor SET last_id = GREATEST(last_id, $2) "
          + "WHERE relay = $1").execute(Tuple.of(TYPE, last)).map(stored));
    });
  }

  @Override
  public Future<List<NoticeStatus>> notices(String application) {
    return pool.preparedQuery("SELECT c.key, c.created_at, c.excluded, s.state AS sms, "
            + "COALESCE(v.outcome, v.state) AS call FROM notify_campaign c "
            + "LEFT JOIN notify_sms s ON s.campaign_id = c.id LEFT JOIN notify_call v ON v.campaign_id = c.id "
            + "WHERE c.application = $1 ORDER BY c.created_at, c.key")
        .execute(Tuple.of(application)).map(rows -> {
          List<NoticeStatus> out = new ArrayList<>();
          rows.forEach(r -> {
            Channel channel = r.getString("sms") != null ? Channel.SMS : r.getString("call") != null ? Channel.VOICE : null;
            out.add(new NoticeStatus(r.getString("key"), PgOutages.instant(r, "created_at"), channel,
                channel == Channel.SMS ? r.getString("sms") : channel == Channel.VOICE ? r.getString("call") : "UNREACHED",
                channel == null ? List.copyOf(r.getJsonObject("excluded").fieldNames()) : List.of()));
          });
          return out;
        });
  }

  /** Stores one notice unless its campaign exists (another relay was first); returns whether it was new. */
  private Future<Boolean> notice(SqlConnection conn, ApplicationNotice n) {
    UUID campaign = UUID.randomUUID();
    StageChange change = n.change();
    JsonObject excluded = new JsonObject();
    n.excluded().forEach((reason, count) -> excluded.put(reason.name(), count));
    return conn.preparedQuery("INSERT INTO notify_campaign (id, application, kind, key, created_at, excluded) "
            + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (application, key) WHERE application IS NOT NULL DO NOTHING")
        .execute(Tuple.of(campaign, change.application(), NotificationKind.APPLICATION_STAGE.name(), change.stage(),
            PgOutages.ts(clock.instant()), excluded))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : queue(conn, campaign, n).compose(v -> journal(conn, campaign, n)).map(true));
  }

  private static Future<Void> queue(SqlConnection conn, UUID campaign, ApplicationNotice n) {
    if (n.recipient() == null) {
      return Future.succeededFuture();
    }
    var r = n.recipient();
    return r.channel() == Channel.SMS
        ? conn.preparedQuery("INSERT INTO notify_sms (campaign_id, phone, customer_id, language, body, "
            + "idempotency_key) VALUES ($1, $2, $3, $4, $5, $6)")
            .execute(Tuple.of(campaign, r.phone(), r.customerId(), r.language(), n.text(), UUID.randomUUID())).mapEmpty()
        : conn.preparedQuery("INSERT INTO notify_call (campaign_id, phone, customer_id, language, message) "
            + "VALUES ($1, $2, $3, $4, $5)")
            .execute(Tuple.of(campaign, r.phone(), r.customerId(), r.language(), n.text())).mapEmpty();
  }

  /**
   * {@code notify.application.queued} (the number in its column; how it went is in the SMS and call entries of the
   * campaign) or {@code notify.application.unreached} with the reasons.
   */
  private static Future<Void> journal(SqlConnection conn, UUID campaign, ApplicationNotice n) {
    Map<String, Object> data = new HashMap<>();
    data.put("campaign", campaign.toString());
    data.put("application", n.change().application());
    data.put("stage", n.change().stage());
    JournalEntry entry;
    if (n.recipient() != null) {
      data.put("channel", n.recipient().channel().name());
      entry = JournalEntry.of("notify.application.queued").phone(n.recipient().phone());
    } else {
      Map<String, Object> reasons = new HashMap<>();
      n.excluded().forEach((reason, count) -> reasons.put(reason.name(), count));
      data.put("excluded", reasons);
      entry = JournalEntry.of("notify.application.unreached");
    }
    return PgJournal.append(conn, entry.customer(n.change().customerId()).data(data));
  }
}
