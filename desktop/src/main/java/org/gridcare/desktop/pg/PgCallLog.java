package org.gridcare.desktop.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.gridcare.desktop.app.CallLog;
import org.gridcare.desktop.domain.DeskCall;

/**
 * The call log in {@code desktop_calls}; the number and customer of each call come from the desktop's own journal
 * entries ({@code desktop.call.offered}, {@code desktop.call.dialled}), so erasing them there erases them here.
 */
public final class PgCallLog implements CallLog {
  private static final String SELECT = "SELECT d.*, j.phone, CASE WHEN j.customer_id ~ '^[0-9]{1,18}$'"
      + " THEN j.customer_id::bigint END AS customer_id FROM desktop_calls d LEFT JOIN LATERAL (SELECT phone, customer_id"
      + " FROM journal WHERE call_id = d.call_id AND operator_id = d.operator_id"
      + " AND type IN ('desktop.call.offered', 'desktop.call.dialled') ORDER BY id DESC LIMIT 1) j ON true";
  private final Pool pool;

  public PgCallLog(Pool pool) {
    this.pool = pool;
  }

  // The ACD's answer or end of a call can overtake the pop's insert (the card is built in between), so every write
  // is an upsert that keeps what the others wrote: the outcome follows from answered_at and ended_at whatever the order.

  @Override
  public Future<Void> started(DeskCall c) {
    return pool.preparedQuery("INSERT INTO desktop_calls (call_id, operator_id, direction, line, topic, started_at,"
            + " answered_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
            + " ON CONFLICT (call_id, operator_id) DO UPDATE SET line = EXCLUDED.line, topic = EXCLUDED.topic,"
            + " started_at = LEAST(desktop_calls.started_at, EXCLUDED.started_at)")
        .execute(Tuple.from(new Object[] {c.callId(), c.operatorId(), c.direction().id(), c.line(), c.topic(),
            ts(c.startedAt()), ts(c.answeredAt()), c.outcome()}))
        .mapEmpty();
  }

  /** An answer seen before the call was logged is an inbound call offered by the ACD (outbound ones log first). */
  @Override
  public Future<Void> answered(String callId, String operatorId, Instant at) {
    return pool.preparedQuery("INSERT INTO desktop_calls (call_id, operator_id, direction, started_at, answered_at, outcome)"
            + " VALUES ($1, $2, 'inbound', $3, $3, 'talking') ON CONFLICT (call_id, operator_id) DO UPDATE SET"
            + " answered_at = COALESCE(desktop_calls.answered_at, EXCLUDED.answered_at),"
            + " outcome = CASE WHEN desktop_calls.ended_at IS NULL THEN 'talking' ELSE 'answered' END")
        .execute(Tuple.of(callId, operatorId, ts(at))).mapEmpty();
  }

  @Override
  public Future<Void> ended(String callId, String operatorId, Instant at, String notAnswered) {
    return pool.preparedQuery("INSERT INTO desktop_calls (call_id, operator_id, direction, started_at, ended_at, outcome)"
            + " VALUES ($1, $2, 'inbound', $3, $3, $4) ON CONFLICT (call_id, operator_id) DO UPDATE SET"
            + " ended_at = COALESCE(desktop_calls.ended_at, EXCLUDED.ended_at),"
            + " outcome = CASE WHEN desktop_calls.answered_at IS NULL THEN $4 ELSE 'answered' END")
        .execute(Tuple.of(callId, operatorId, ts(at), notAnswered)).mapEmpty();
  }

  @Override
  public Future<List<DeskCall>> recent(String operatorId, int limit) {
    return pool.preparedQuery(SELECT + " WHERE d.operator_id = $1 ORDER BY d.started_at DESC, d.id DESC LIMIT $2")
        .execute(Tuple.of(operatorId, limit))
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(PgCallLog::call).toList());
  }

  @Override
  public Future<Optional<DeskCall>> byId(long id) {
    return pool.preparedQuery(SELECT + " WHERE d.id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(call(rows.iterator().next())));
  }

  @Override
  public Future<Optional<DeskCall>> byCall(String callId, String operatorId) {
    return pool.preparedQuery(SELECT + " WHERE d.call_id = $1 AND d.operator_id = $2").execute(Tuple.of(callId, operatorId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(call(rows.iterator().next())));
  }

  private static DeskCall call(Row r) {
    return new DeskCall(r.getLong("id"), r.getString("call_id"), r.getString("operator_id"),
        DeskCall.Direction.valueOf(r.getString("direction").toUpperCase(java.util.Locale.ROOT)), r.getString("phone"),
        r.getLong("customer_id"), r.getInteger("line"), r.getString("topic"), instant(r, "started_at"),
        instant(r, "answered_at"), instant(r, "ended_at"), r.getString("outcome"));
  }

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }
}
