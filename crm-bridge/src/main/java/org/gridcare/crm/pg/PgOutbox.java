package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes external-CRM events into {@code crm_outbox} inside the caller's transaction, so an event exists exactly
 * when the change it reports was committed. Disabled (writes nothing) when no external CRM is configured.
 */
final class PgOutbox {
  private final boolean enabled;

  PgOutbox(boolean enabled) {
    this.enabled = enabled;
  }

  Future<Void> add(SqlClient tx, String type, String aggregate, JsonObject payload, Instant at) {
    if (!enabled) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("INSERT INTO crm_outbox (aggregate, type, idempotency_key, payload, created_at) "
            + "VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(aggregate, type, UUID.randomUUID(), payload, Sql.ts(at)))
        .mapEmpty();
  }
}
