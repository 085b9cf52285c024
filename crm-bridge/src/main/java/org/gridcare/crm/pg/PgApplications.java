package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.crm.app.Applications;
import org.gridcare.crm.domain.ApplicationStage;
import org.gridcare.crm.domain.GridConnectionApplication;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/**
 * Grid-connection applications with the history of their stages. Registration and every stage change are journalled
 * in the same transaction ({@value #SUBMITTED}, {@value #ADVANCED}: customer in its column, application number and
 * stage in {@code data}), so whoever relays the journal (the notifications module tells the customer) never misses
 * a committed change nor sees one that was rolled back.
 */
public final class PgApplications implements Applications {
  public static final String SUBMITTED = "crm.application.submitted";
  public static final String ADVANCED = "crm.application.advanced";

  private final Pool pool;

  public PgApplications(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<GridConnectionApplication> submit(long customerId, String requestedKw, String actor, Instant at) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT debt_cents FROM crm_customer WHERE id = $1 FOR SHARE")
            .execute(Tuple.of(customerId))
            .compose(rows -> {
              if (rows.size() == 0) {
                throw DomainException.notFound("no-such-customer", "No customer " + customerId);
              }
              GridConnectionApplication.checkAcceptable(rows.iterator().next().getLong(0));
              return tx.preparedQuery("INSERT INTO crm_application (number, customer_id, requested_kw, stage, "
                      + "submitted_at, stage_since) VALUES ('A' || lpad(nextval('crm_application_number')::text, 6, '0'), "
                      + "$1, $2, $3, $4, $4) RETURNING *")
                  .execute(Tuple.of(customerId, requestedKw, ApplicationStage.APPLICATION.id(), Sql.ts(at)));
            })
            .map(rows -> application(rows.iterator().next()))
            .compose(a -> stage(tx, a, actor).compose(v -> journal(tx, SUBMITTED, a, actor, null)).map(a)))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<GridConnectionApplication> advance(String number, ApplicationStage next, String actor, Instant at) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT * FROM crm_application WHERE number = $1 FOR UPDATE")
            .execute(Tuple.of(number))
            .compose(rows -> {
              if (rows.size() == 0) {
                throw DomainException.notFound("no-such-application", "No application " + number);
              }
              GridConnectionApplication before = application(rows.iterator().next());
              GridConnectionApplication a = before.advanceTo(next, at);
              return tx.preparedQuery("UPDATE crm_application SET stage = $2, stage_since = $3 WHERE id = $1")
                  .execute(Tuple.of(a.id(), a.stage().id(), Sql.ts(at)))
                  .compose(v -> stage(tx, a, actor))
                  .compose(v -> journal(tx, ADVANCED, a, actor, before.stage())).map(a);
            }))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private static Future<Void> stage(SqlClient tx, GridConnectionApplication a, String actor) {
    return tx.preparedQuery("INSERT INTO crm_application_stage (application_id, stage, actor, at) VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(a.id(), a.stage().id(), actor, Sql.ts(a.stageSince()))).mapEmpty();
  }

  private static Future<Void> journal(SqlClient tx, String type, GridConnectionApplication a, String actor,
      ApplicationStage from) {
    Map<String, Object> data = new HashMap<>();
    data.put("application", a.number());
    data.put("stage", a.stage().id());
    if (from != null) {
      data.put("from", from.id());
    }
    return PgJournal.append(tx, JournalEntry.of(type).at(a.stageSince()).customer(String.valueOf(a.customerId()))
        .operator(actor).data(data));
  }

  @Override
  public Future<Optional<GridConnectionApplication>> byNumber(String number) {
    return pool.preparedQuery("SELECT * FROM crm_application WHERE number = $1").execute(Tuple.of(number))
        .map(rows -> rows.size() == 0 ? Optional.<GridConnectionApplication>empty()
            : Optional.of(application(rows.iterator().next())))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<List<GridConnectionApplication>> forCustomer(long customerId) {
    return pool.preparedQuery("SELECT * FROM crm_application WHERE customer_id = $1 ORDER BY submitted_at DESC")
        .execute(Tuple.of(customerId))
        .map(rows -> {
          List<GridConnectionApplication> out = new ArrayList<>();
          rows.forEach(r -> out.add(application(r)));
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private static GridConnectionApplication application(Row r) {
    return new GridConnectionApplication(r.getLong("id"), r.getString("number"), r.getLong("customer_id"),
        r.getString("requested_kw"), ApplicationStage.of(r.getString("stage")), Sql.instant(r, "submitted_at"),
        Sql.instant(r, "stage_since"));
  }
}
