package org.gridcare.reports.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The daily rollups' job (V820): rolls every closed local day of the centre's zone up from the journal, a month of days
 * per transaction, and rolls again from the day of any late row (a row written after its day was rolled). Safe to run
 * on every instance at once (the state row is locked while it changes); the reports stay right whether it has run or
 * not, it only makes them faster.
 */
public final class PgRollups {
  private static final int BATCH_DAYS = 31;
  private final Pool pool;
  private final ZoneId zone;
  private volatile boolean stopped;

  public PgRollups(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  /** Rolls up what is due; the number of days rolled. */
  public Future<Integer> run() {
    return highWater().compose(this::settle).compose(v -> batches(0));
  }

  /**
   * The journal's largest id once every transaction writing to it has ended: every row up to it is visible to the job's
   * later snapshots, every row written afterwards has a larger id. The SHARE lock waits for writers in flight and holds
   * new ones back only while it is taken (at most lock_timeout when a long writer is open; the job then tries next time).
   */
  private Future<Long> highWater() {
    return pool.withTransaction(c -> c.query("SET LOCAL lock_timeout = '500ms'").execute()
        .compose(r -> c.query("LOCK TABLE journal IN SHARE MODE").execute())
        .compose(r -> c.query("SELECT coalesce(max(id), 0) FROM journal").execute())
        .map(r -> r.iterator().next().getLong(0)));
  }

  /** Starts the state (or starts again after a zone change), forgets the days from a late row's day on, takes the high water. */
  private Future<Void> settle(long highWater) {
    return pool.withTransaction(c -> state(c).compose(s -> {
      if (s == null || !zone.getId().equals(s.getString("zone"))) {
        return clear(c).compose(v -> c.preparedQuery("INSERT INTO report_rollup_state (zone, rolled_from, rolled_until, "
            + "high_water) SELECT $1, d, d, $2 FROM (SELECT date_trunc('day', min(at), $1) AS d FROM journal) j "
            + "WHERE d IS NOT NULL").execute(Tuple.of(zone.getId(), highWater)).mapEmpty());
      }
      return c.preparedQuery("SELECT date_trunc('day', min(at), $1) FROM journal WHERE id > $2 AND at < $3")
          .execute(Tuple.of(zone.getId(), s.getLong("high_water"), s.getOffsetDateTime("rolled_until")))
          .compose(r -> {
            OffsetDateTime late = r.iterator().next().getOffsetDateTime(0);
            Future<Void> forget = late == null ? Future.succeededFuture() : forgetFrom(c, late);
            return forget.compose(v -> c.preparedQuery("UPDATE report_rollup_state SET high_water = greatest(high_water, $1)")
                .execute(Tuple.of(highWater)).mapEmpty());
          });
    }));
  }

  private Future<Void> forgetFrom(SqlConnection c, OffsetDateTime day) {
    Future<Void> chain = Future.succeededFuture();
    for (String delete : RollupSql.DELETE_FROM) {
      chain = chain.compose(v -> c.preparedQuery(delete).execute(Tuple.of(day)).mapEmpty());
    }
    return chain.compose(v -> c.preparedQuery("UPDATE report_rollup_state SET rolled_until = least(rolled_until, $1), "
        + "rolled_from = least(rolled_from, $1)").execute(Tuple.of(day)).mapEmpty());
  }

  private Future<Void> clear(SqlConnection c) {
    return c.query("TRUNCATE report_rollup_state, report_day_requests, report_day_open_queued, report_day_service, "
        + "report_day_aht, report_day_ivr_time, report_day_occupancy, report_rollup_operator, report_day_tickets")
        .execute().mapEmpty();
  }

  /** A run in progress stops after its current batch (what it rolled stays); later runs do nothing. */
  public void stop() {
    stopped = true;
  }

  /** Rolls the next closed days (up to a month) in one transaction, then the next, until today (or a stop). */
  private Future<Integer> batches(int rolled) {
    if (stopped) {
      return Future.succeededFuture(rolled);
    }
    return pool.withTransaction(c -> state(c).compose(s -> {
      if (s == null) {
        return Future.succeededFuture(0);
      }
      return c.preparedQuery("SELECT u, ((u AT TIME ZONE $2)::date - ($1::timestamptz AT TIME ZONE $2)::date) "
          + "FROM (SELECT least((($1::timestamptz AT TIME ZONE $2) + make_interval(days => $3)) AT TIME ZONE $2, "
          + "date_trunc('day', now(), $2)) AS u) x")
          .execute(Tuple.of(s.getOffsetDateTime("rolled_until"), zone.getId(), BATCH_DAYS))
          .compose(r -> {
            Row span = r.iterator().next();
            OffsetDateTime from = s.getOffsetDateTime("rolled_until");
            OffsetDateTime until = span.getOffsetDateTime(0);
            if (!from.isBefore(until)) {
              return Future.succeededFuture(0);
            }
            Future<Void> chain = c.preparedQuery(RollupSql.OPERATORS).execute(Tuple.of(from, until)).mapEmpty();
            for (String build : RollupSql.BUILD) {
              chain = chain.compose(v -> c.preparedQuery(build).execute(Tuple.of(from, until, zone.getId())).mapEmpty());
            }
            return chain.compose(v -> c.preparedQuery("UPDATE report_rollup_state SET rolled_until = $1")
                .execute(Tuple.of(until))).map(v -> span.getInteger(1));
          });
    })).compose(days -> days == 0 ? Future.succeededFuture(rolled) : batches(rolled + days));
  }

  /** The state row, locked for this transaction (null when there is none). */
  private static Future<Row> state(SqlConnection c) {
    return c.query("SELECT * FROM report_rollup_state FOR UPDATE").execute()
        .map(RowSet::iterator).map(i -> i.hasNext() ? i.next() : null);
  }
}
