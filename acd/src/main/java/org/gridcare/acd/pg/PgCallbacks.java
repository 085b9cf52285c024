package org.gridcare.acd.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.gridcare.acd.app.Callback;
import org.gridcare.acd.app.Callbacks;
import org.gridcare.platform.domain.DomainException;

/** Callback requests in {@code acd_callback}. */
public final class PgCallbacks implements Callbacks {
  private static final String COLUMNS = "call_id, line, topic, customer_id, phone, requested_at, status, attempts, operator_id";
  private final Pool pool;

  public PgCallbacks(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> create(Callback c) {
    return pool.preparedQuery("INSERT INTO acd_callback (" + COLUMNS + ", updated_at) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $6) ON CONFLICT (call_id) DO NOTHING")
        .execute(Tuple.from(new Object[] {c.callId(), c.line(), c.topic(), c.customerId(), c.phone(),
            c.requestedAt().atOffset(ZoneOffset.UTC), c.status().id(), c.attempts(), c.operatorId()}))
        .compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(DomainException.conflict("callback-already-requested",
                "Call " + c.callId() + " already has a callback")));
  }

  @Override
  public Future<Optional<Callback>> find(String callId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM acd_callback WHERE call_id = $1").execute(Tuple.of(callId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(callback(rows.iterator().next())));
  }

  @Override
  public Future<Void> dialling(String callId, String operatorId, Instant at) {
    return pool.preparedQuery("UPDATE acd_callback SET status = 'dialling', attempts = attempts + 1, operator_id = $2, "
            + "updated_at = $3 WHERE call_id = $1")
        .execute(Tuple.of(callId, operatorId, at.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  @Override
  public Future<Void> update(String callId, Callback.Status status, Instant at) {
    return pool.preparedQuery("UPDATE acd_callback SET status = $2, updated_at = $3 WHERE call_id = $1")
        .execute(Tuple.of(callId, status.id(), at.atOffset(ZoneOffset.UTC))).mapEmpty();
  }


  private static Callback callback(Row r) {
    return new Callback(r.getString("call_id"), r.getInteger("line"), r.getString("topic"), r.getString("customer_id"),
        r.getString("phone"), r.getOffsetDateTime("requested_at").toInstant(), Callback.Status.of(r.getString("status")),
        r.getInteger("attempts"), r.getString("operator_id"));
  }
}
