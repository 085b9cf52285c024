package org.gridcare.storage.journal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;

/** The journal in the {@code journal} table. Use {@link #append(SqlClient, JournalEntry)} inside a transaction. */
public final class PgJournal implements Journal {
  private static final String INSERT = "INSERT INTO journal (at, type, call_id, line, operator_id, customer_id, phone, data) "
      + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
  private final Pool pool;

  public PgJournal(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> append(JournalEntry entry) {
    return append(pool, entry);
  }

  public static Future<Void> append(SqlClient client, JournalEntry e) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.from(new Object[] {e.at().atOffset(ZoneOffset.UTC), e.type(), e.callId(), e.line(),
            e.operatorId(), e.customerId(), e.phone(), new JsonObject(e.data())}))
        .mapEmpty();
  }
}
