package org.gridcare.server.privacy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Blocking SQL for the privacy tests: fixtures and assertions straight on the modules' tables. */
record Db(Pool pool) {

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  RowSet<Row> sql(String sql, Object... args) throws Exception {
    Object[] converted = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      converted[i] = args[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : args[i];
    }
    return await(pool.preparedQuery(sql).execute(Tuple.from(converted)));
  }

  long count(String sql, Object... args) throws Exception {
    return sql(sql, args).iterator().next().getLong(0);
  }

  List<String> strings(String sql, Object... args) throws Exception {
    List<String> out = new ArrayList<>();
    sql(sql, args).forEach(r -> out.add(r.getValue(0) == null ? null : String.valueOf(r.getValue(0))));
    return out;
  }
}
