package org.gridcare.notifications.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gridcare.notifications.app.OptOuts;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/** Opted-out numbers in {@code notify_opt_out}; opting out withdraws the number's waiting SMS and calls. */
public final class PgOptOuts implements OptOuts {
  private final Pool pool;

  public PgOptOuts(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Set<String>> all() {
    return pool.query("SELECT phone FROM notify_opt_out").execute().map(rows -> {
      Set<String> out = new HashSet<>();
      rows.forEach(r -> out.add(r.getString("phone")));
      return out;
    });
  }

  @Override
  public Future<Void> optOut(String phone, String source) {
    return pool.withTransaction(conn -> add(conn, phone, source));
  }

  @Override
  public Future<Void> optIn(String phone) {
    return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM notify_opt_out WHERE phone=$1")
        .execute(Tuple.of(phone))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : PgJournal.append(conn, JournalEntry.of("notify.opt-in.recorded").phone(phone))));
  }

  static Future<Void> add(SqlClient conn, String phone, String source) {
    return conn.preparedQuery("INSERT INTO notify_opt_out (phone, source) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(phone, source))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : PgJournal.append(conn, JournalEntry.of("notify.opt-out.recorded").phone(phone)
                .data(Map.of("source", source)))
                .compose(v -> PgSmsOutbox.withdrawPending(conn, phone))
                .compose(v -> conn.preparedQuery("UPDATE notify_call SET state='FAILED', outcome='OPTED_OUT', "
                    + "updated_at=now() WHERE phone=$1 AND state='PENDING'").execute(Tuple.of(phone)).mapEmpty()));
  }
}
