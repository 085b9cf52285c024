package org.gridcare.notifications.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridcare.notifications.app.OperatorCalls;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/** The operator call list in {@code notify_operator_call}. */
public final class PgOperatorCalls implements OperatorCalls {
  private final Pool pool;

  public PgOperatorCalls(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Entry>> list(boolean pendingOnly) {
    return pool.preparedQuery("SELECT c.id AS campaign_id, c.outage_id, c.kind, oc.customer_id, oc.name, oc.phone, "
            + "oc.done FROM notify_operator_call oc JOIN notify_campaign c ON c.id = oc.campaign_id "
            + "JOIN notify_outage o ON o.id = c.outage_id WHERE o.state IN ('SCHEDULED','ACTIVE') "
            + "AND (NOT $1 OR NOT oc.done) ORDER BY c.created_at, oc.customer_id")
        .execute(Tuple.of(pendingOnly)).map(rows -> {
          List<Entry> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Entry(r.getUUID("campaign_id"), r.getUUID("outage_id"), r.getString("kind"),
              r.getString("customer_id"), r.getString("name"), r.getString("phone"), r.getBoolean("done"))));
          return out;
        });
  }

  @Override
  public Future<Void> done(UUID campaignId, String customerId, String operator) {
    return pool.withTransaction(conn -> conn.preparedQuery("UPDATE notify_operator_call SET done=true "
            + "WHERE campaign_id=$1 AND customer_id=$2 RETURNING phone")
        .execute(Tuple.of(campaignId, customerId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(DomainException.notFound("no-such-operator-call",
                "No operator call for customer " + customerId + " in campaign " + campaignId));
          }
          return PgJournal.append(conn, JournalEntry.of("notify.operator-call.done").line(1).operator(operator)
              .customer(customerId).phone(rows.iterator().next().getString("phone"))
              .data(Map.of("campaign", campaignId.toString())));
        }));
  }
}
