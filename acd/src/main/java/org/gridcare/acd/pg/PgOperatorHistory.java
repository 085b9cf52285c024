package org.gridcare.acd.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridcare.acd.app.OperatorHistory;
import org.gridcare.acd.domain.StateChange;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/** Operator state changes in {@code acd_operator_state_change}, journalled in the same transaction. */
public final class PgOperatorHistory implements OperatorHistory {
  private static final String INSERT = "INSERT INTO acd_operator_state_change "
      + "(operator_id, from_state, to_state, reason, call_id, at) VALUES ($1, $2, $3, $4, $5, $6)";

  private final Pool pool;

  public PgOperatorHistory(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> record(StateChange c) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("from", c.from().id());
    data.put("to", c.to().id());
    if (c.reason() != null) {
      data.put("reason", c.reason());
    }
    JournalEntry entry = JournalEntry.of("acd.operator.state-changed").at(c.at()).operator(c.operatorId())
        .call(c.callId()).data(data);
    return pool.withTransaction(conn -> conn.preparedQuery(INSERT)
        .execute(Tuple.of(c.operatorId(), c.from().id(), c.to().id(), c.reason(), c.callId(), c.at().atOffset(ZoneOffset.UTC)))
        .compose(rows -> PgJournal.append(conn, entry)));
  }


}
