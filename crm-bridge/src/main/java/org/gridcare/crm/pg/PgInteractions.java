package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.crm.app.Interactions;
import org.gridcare.crm.domain.Interaction;
import org.gridcare.crm.domain.Interaction.Direction;
import org.gridcare.crm.domain.Interaction.Outcome;

/** Interactions in PostgreSQL; the end of a call is also an outbox event ({@code call.ended}) for the external CRM. */
public final class PgInteractions implements Interactions {
  private final Pool pool;
  private final PgOutbox outbox;

  public PgInteractions(Pool pool, boolean externalEvents) {
    this.pool = pool;
    this.outbox = new PgOutbox(externalEvents);
  }

  @Override
  public Future<Void> begin(Interaction i) {
    return update("INSERT INTO crm_interaction (call_id, customer_id, phone, direction, ivr_path, line, operator_id, "
            + "started_at, answered_at, ended_at, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
            + "ON CONFLICT (call_id) DO NOTHING",
        Tuple.from(new Object[] {i.callId(), i.customerId(), i.phone(), i.direction().id(),
            i.ivrPath().toArray(new String[0]), i.line(), i.operator(), Sql.ts(i.startedAt()), Sql.ts(i.answeredAt()),
            Sql.ts(i.endedAt()), i.outcome().id()}));
  }

  @Override
  public Future<Void> identify(String callId, long customerId) {
    return update("UPDATE crm_interaction SET customer_id = $2 WHERE call_id = $1", Tuple.of(callId, customerId));
  }

  @Override
  public Future<Void> ivrStep(String callId, String step) {
    return update("UPDATE crm_interaction SET ivr_path = array_append(ivr_path, $2) WHERE call_id = $1",
        Tuple.of(callId, step));
  }

  @Override
  public Future<Void> queued(String callId, int line) {
    return update("UPDATE crm_interaction SET line = $2 WHERE call_id = $1", Tuple.of(callId, line));
  }

  @Override
  public Future<Void> answered(String callId, String operator, Instant at) {
    return update("UPDATE crm_interaction SET operator_id = $2, answered_at = coalesce(answered_at, $3) WHERE call_id = $1",
        Tuple.of(callId, operator, Sql.ts(at)));
  }

  @Override
  public Future<Void> outcome(String callId, Outcome outcome) {
    return update("UPDATE crm_interaction SET outcome = $2 WHERE call_id = $1", Tuple.of(callId, outcome.id()));
  }

  @Override
  public Future<Void> ended(String callId, Instant at, Outcome outcome) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE crm_interaction SET ended_at = $2, outcome = CASE WHEN "
                + "outcome = 'in-progress' OR ($3 = 'answered' AND outcome = 'abandoned') THEN $3 ELSE outcome END "
                + "WHERE call_id = $1 AND ended_at IS NULL RETURNING *")
            .execute(Tuple.of(callId, Sql.ts(at), outcome.id()))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
                : outbox.add(tx, "call.ended", "call:" + callId, event(interaction(rows.iterator().next())), at)))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<Optional<Interaction>> byCall(String callId) {
    return pool.preparedQuery("SELECT * FROM crm_interaction WHERE call_id = $1").execute(Tuple.of(callId))
        .map(rows -> rows.size() == 0 ? Optional.<Interaction>empty() : Optional.of(interaction(rows.iterator().next())))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<List<Interaction>> forCustomer(long customerId, int limit) {
    return pool.preparedQuery("SELECT * FROM crm_interaction WHERE customer_id = $1 ORDER BY started_at DESC LIMIT $2")
        .execute(Tuple.of(customerId, limit))
        .map(rows -> {
          List<Interaction> out = new ArrayList<>();
          rows.forEach(r -> out.add(interaction(r)));
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private Future<Void> update(String sql, Tuple args) {
    return pool.preparedQuery(sql).execute(args).<Void>mapEmpty().recover(e -> Sql.translate(e, Map.of()));
  }

  /** The external CRM gets the call without the phone number (it has the customer id). */
  private static JsonObject event(Interaction i) {
    return new JsonObject().put("callId", i.callId()).put("customerId", i.customerId()).put("direction", i.direction().id())
        .put("ivrPath", new JsonArray(i.ivrPath())).put("line", i.line()).put("operator", i.operator())
        .put("startedAt", i.startedAt().toString())
        .put("answeredAt", i.answeredAt() == null ? null : i.answeredAt().toString())
        .put("endedAt", i.endedAt() == null ? null : i.endedAt().toString()).put("outcome", i.outcome().id());
  }

  static Interaction interaction(Row r) {
    String[] path = r.getArrayOfStrings("ivr_path");
    return new Interaction(r.getString("call_id"), r.getLong("customer_id"), r.getString("phone"),
        Direction.valueOf(r.getString("direction").toUpperCase()), path == null ? List.of() : Arrays.asList(path),
        r.getInteger("line"), r.getString("operator_id"), Sql.instant(r, "started_at"), Sql.instant(r, "answered_at"),
        Sql.instant(r, "ended_at"), Outcome.of(r.getString("outcome")));
  }
}
