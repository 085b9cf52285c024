package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridcare.crm.app.CrmEvent;
import org.gridcare.crm.app.CrmEvents;
import org.gridcare.platform.domain.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays {@code crm_outbox} rows to the external CRM, oldest first. An event is only sent when every earlier event
 * of the same aggregate (ticket, call) was delivered, so the CRM sees each ticket's changes in order; a failed
 * delivery is retried with exponential backoff (initial × 2^(attempts-1), capped) while other aggregates go on.
 * Rows are marked delivered only after a 2xx; a crash in between resends with the same idempotency key. One relay
 * per database: it holds a session advisory lock on a dedicated connection; other instances stand by.
 */
public final class PgOutboxRelay {
  private static final Logger LOG = LoggerFactory.getLogger(PgOutboxRelay.class);
  private static final long LOCK_KEY = 0x6372_6d5f_6f75_74L; // "crm_out"
  private static final int BATCH = 200;

  private final Vertx vertx;
  private final Pool pool;
  private final CrmEvents events;
  private final Duration poll;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Clock clock;
  private SqlConnection connection;
  private boolean leader;
  private volatile boolean stopped;
  private volatile long timer = -1;
  private volatile Future<Integer> round = Future.succeededFuture(0);

  public PgOutboxRelay(Vertx vertx, Pool pool, CrmEvents events, Duration poll, Duration initialBackoff,
      Duration maxBackoff, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.events = events;
    this.poll = poll;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.clock = clock;
  }

  /** Starts polling; the first round runs at once. */
  public void start() {
    schedule(0);
  }

  /** Stops polling after the round in flight (its deliveries are marked), then releases the lock. */
  public Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return round.transform(x -> connection == null ? Future.<Void>succeededFuture()
        : connection.close().recover(e -> Future.succeededFuture()));
  }

  static Duration backoff(Duration initial, Duration max, int attempts) {
    long factor = 1L << Math.min(30, Math.max(0, attempts - 1));
    Duration d = initial.multipliedBy(factor);
    return d.compareTo(max) > 0 ? max : d;
  }

  private void schedule(long delayMs) {
    if (stopped) {
      return;
    }
    timer = vertx.setTimer(Math.max(1, delayMs), id -> {
      round = runOnce()
          .onFailure(e -> LOG.warn("CRM outbox relay round failed: {}", Masking.text(e.toString())))
          .onComplete(x -> schedule(poll.toMillis()));
    });
  }

  /** One round: take the lock if needed, deliver what is due; returns how many events were delivered. */
  public Future<Integer> runOnce() {
    return lead().compose(isLeader -> isLeader ? deliverDue() : Future.succeededFuture(0));
  }

  private Future<Boolean> lead() {
    if (connection != null && leader) {
      return Future.succeededFuture(true);
    }
    Future<SqlConnection> conn = connection != null ? Future.succeededFuture(connection) : pool.getConnection().map(c -> {
      connection = c;
      c.closeHandler(v -> {
        connection = null;
        leader = false;
      });
      return c;
    });
    return conn.compose(c -> c.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(LOCK_KEY)))
        .map(rows -> leader = rows.iterator().next().getBoolean(0));
  }

  private Future<Integer> deliverDue() {
    return connection.preparedQuery("SELECT id, aggregate, type, idempotency_key, payload, created_at, attempts, "
            + "next_attempt_at FROM crm_outbox WHERE delivered_at IS NULL ORDER BY id LIMIT $1")
        .execute(Tuple.of(BATCH))
        .compose(rows -> {
          List<Row> pending = new ArrayList<>();
          rows.forEach(pending::add);
          Set<String> blocked = new HashSet<>();
          int[] delivered = {0};
          Future<Void> chain = Future.succeededFuture();
          for (Row r : pending) {
            chain = chain.compose(v -> deliverOne(r, blocked).map(ok -> {
              delivered[0] += ok ? 1 : 0;
              return null;
            }));
          }
          return chain.map(v -> delivered[0]);
        });
  }

  private Future<Boolean> deliverOne(Row r, Set<String> blocked) {
    String aggregate = r.getString("aggregate");
    Instant now = clock.instant();
    if (blocked.contains(aggregate) || Sql.instant(r, "next_attempt_at").isAfter(now)) {
      blocked.add(aggregate);
      return Future.succeededFuture(false);
    }
    long id = r.getLong("id");
    CrmEvent event = new CrmEvent(id, r.getString("type"), aggregate, r.getUUID("idempotency_key"),
        Sql.instant(r, "created_at"), r.getJsonObject("payload"));
    return events.deliver(event)
        .compose(v -> connection.preparedQuery("UPDATE crm_outbox SET delivered_at = $2, attempts = attempts + 1, "
            + "last_error = NULL WHERE id = $1").execute(Tuple.of(id, Sql.ts(clock.instant()))).map(true))
        .recover(e -> {
          blocked.add(aggregate);
          int attempts = r.getInteger("attempts") + 1;
          Instant next = clock.instant().plus(backoff(initialBackoff, maxBackoff, attempts));
          LOG.info("CRM event {} ({}) not delivered (attempt {}), next try at {}: {}", id, event.type(), attempts, next,
              e.getMessage());
          return connection.preparedQuery("UPDATE crm_outbox SET attempts = $2, next_attempt_at = $3, last_error = $4 "
                  + "WHERE id = $1")
              .execute(Tuple.of(id, attempts, Sql.ts(next), String.valueOf(e.getMessage())))
              .map(false);
        });
  }
}
