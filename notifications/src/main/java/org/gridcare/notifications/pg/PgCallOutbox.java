package org.gridcare.notifications.pg;

import static org.gridcare.notifications.pg.PgOutages.ts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.notifications.app.CallOutbox;
import org.gridcare.notifications.app.OutboxCall;
import org.gridcare.notifications.domain.CallOutcome;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/** Notification calls in {@code notify_call}. */
public final class PgCallOutbox implements CallOutbox {
  private static final String RETURNING = " RETURNING id, campaign_id, phone, customer_id, language, message, attempts, context";
  /** Calls of a survey campaign start only while it runs and inside its calling window. */
  private static final String SURVEY_CAMPAIGN_DIALLING = "AND NOT EXISTS (SELECT 1 FROM notify_survey_campaign s "
      + "WHERE s.id = notify_call.campaign_id AND (s.state <> 'RUNNING' OR NOT notify_window_open(s.window_from, "
      + "s.window_to, s.zone))) ";
  private final Pool pool;

  public PgCallOutbox(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<OutboxCall>> claim(int max, Duration lease) {
    if (max <= 0) {
      return Future.succeededFuture(List.of());
    }
    return pool.preparedQuery("UPDATE notify_call SET state='CALLING', attempts=attempts+1, "
            + "lease_until=now() + $2 * interval '1 millisecond', updated_at=now() WHERE id IN (SELECT id FROM notify_call "
            + "WHERE ((state='PENDING' AND next_attempt_at <= now()) OR (state='CALLING' AND lease_until < now())) "
            + SURVEY_CAMPAIGN_DIALLING
            + "ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)" + RETURNING)
        .execute(Tuple.of(max, lease.toMillis())).map(PgCallOutbox::calls);
  }

  @Override
  public Future<Optional<OutboxCall>> find(long id) {
    return pool.preparedQuery("SELECT id, campaign_id, phone, customer_id, language, message, attempts, context FROM notify_call "
        + "WHERE id=$1").execute(Tuple.of(id)).map(rows -> calls(rows).stream().findFirst());
  }

  @Override
  public Future<Void> outcome(OutboxCall call, CallOutcome outcome, Instant retryAt) {
    String state = retryAt != null ? "PENDING"
        : outcome == CallOutcome.ANSWERED || outcome == CallOutcome.MACHINE ? "DONE" : "FAILED";
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_call SET state=$2, outcome=$3, "
            + "next_attempt_at=COALESCE($4, next_attempt_at), lease_until=NULL, updated_at=now() WHERE id=$1")
        .execute(Tuple.of(call.id(), state, outcome.name(), ts(retryAt)))
        .compose(v -> completed(conn, call, outcome, retryAt == null)));
  }

  @Override
  public Future<CallOutcome> answeredCallEnded(OutboxCall call, Instant retryAt) {
    // SET sees the row as it was: a DONE row is one the notify script finished (played); any other is a hang-up.
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_call SET "
            + "state = CASE WHEN state = 'DONE' THEN state WHEN $3::timestamptz IS NULL THEN 'FAILED' ELSE 'PENDING' END, "
            + "outcome = CASE WHEN state = 'DONE' THEN outcome ELSE $4 END, "
            + "next_attempt_at = CASE WHEN state = 'DONE' THEN next_attempt_at ELSE COALESCE($3, next_attempt_at) END, "
            + "lease_until = NULL, updated_at = now() WHERE id = $1 AND attempts = $2 RETURNING state, outcome")
        .execute(Tuple.of(call.id(), call.attempts(), ts(retryAt), CallOutcome.HUNG_UP_BEFORE_MESSAGE.name()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row r = rows.iterator().next();
          CallOutcome outcome = CallOutcome.valueOf(r.getString("outcome"));
          return completed(conn, call, outcome, !"PENDING".equals(r.getString("state"))).map(outcome);
        }));
  }

  private static Future<Void> completed(io.vertx.sqlclient.SqlClient conn, OutboxCall call, CallOutcome outcome,
      boolean last) {
    Map<String, Object> data = new HashMap<>();
    data.put("campaign", call.campaignId().toString());
    data.put("outcome", outcome.name());
    data.put("attempt", call.attempts());
    data.put("final", last);
    return PgJournal.append(conn, JournalEntry.of("notify.voice.completed").customer(call.customerId())
        .phone(call.phone()).data(data));
  }

  @Override
  public Future<Void> played(OutboxCall call, int times, boolean machine) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_call SET state='DONE', outcome=$2, "
            + "lease_until=NULL, updated_at=now() WHERE id=$1")
        .execute(Tuple.of(call.id(), (machine ? CallOutcome.MACHINE : CallOutcome.ANSWERED).name()))
        .compose(v -> PgJournal.append(conn, JournalEntry.of("notify.voice.played").customer(call.customerId())
            .phone(call.phone()).data(Map.of("campaign", call.campaignId().toString(), "times", times,
                "machine", machine)))));
  }

  private static List<OutboxCall> calls(RowSet<Row> rows) {
    List<OutboxCall> out = new ArrayList<>();
    rows.forEach(r -> out.add(new OutboxCall(r.getLong("id"), r.getUUID("campaign_id"), r.getString("phone"),
        r.getString("customer_id"), r.getString("language"), r.getString("message"), r.getInteger("attempts"),
        r.getString("context"))));
    return out;
  }
}
