package org.gridcare.reports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.reports.app.Reports;
import org.gridcare.reports.http.HttpReportsRoutes;
import org.gridcare.reports.pg.PgReports;
import org.gridcare.reports.pg.PgRollups;
import org.gridcare.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contact-centre reports: computed from the journal on request, JSON and CSV, scoped by line. Whole closed days are
 * rolled up in the background ({@link PgRollups}, at start and every {@link #ROLLUP_EVERY}) so long ranges read them.
 */
public final class ReportsModule {
  static final Duration ROLLUP_EVERY = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(ReportsModule.class);
  private final Vertx vertx;
  private final Reports reports;
  private final HttpReportsRoutes routes;
  private final PgRollups rollups;
  private final AtomicBoolean rolling = new AtomicBoolean();
  private volatile Future<Void> lastRun = Future.succeededFuture();
  private final long timer;

  private ReportsModule(Vertx vertx, Reports reports, HttpReportsRoutes routes, PgRollups rollups) {
    this.vertx = vertx;
    this.reports = reports;
    this.routes = routes;
    this.rollups = rollups;
    this.timer = vertx.setPeriodic(0, ROLLUP_EVERY.toMillis(), id -> rollUp());
  }

  /** One run of the rollup job at a time on this instance (the job itself copes with other instances). */
  private void rollUp() {
    if (!rolling.compareAndSet(false, true)) {
      return;
    }
    lastRun = rollups.run()
        .onSuccess(days -> LOG.info("Report rollups: {} day(s) rolled up", days))
        .onFailure(e -> LOG.warn("Report rollups: not run this time ({}); reports read the journal meanwhile", e.toString()))
        .onComplete(r -> rolling.set(false))
        .<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  public static Future<ReportsModule> start(Vertx vertx, ContactCentreConfig config, Storage storage) {
    Map<Integer, Integer> serviceLevel = new HashMap<>();
    for (LineConfig line : config.lines()) {
      serviceLevel.put(line.id(), line.serviceLevelSeconds());
    }
    Map<String, List<Integer>> operatorLines = new HashMap<>();
    for (OperatorConfig op : config.operators()) {
      operatorLines.put(op.id(), op.lines());
    }
    Reports reports = new PgReports(storage.pool(), config.locale().zone(), serviceLevel, operatorLines);
    return Future.succeededFuture(new ReportsModule(vertx, reports, new HttpReportsRoutes(reports, config.locale().zone()),
        new PgRollups(storage.pool(), config.locale().zone())));
  }

  public Reports reports() {
    return reports;
  }

  public String openApiFragment() {
    return HttpReportsRoutes.FRAGMENT;
  }

  public Consumer<RouterBuilder> routes() {
    return routes;
  }

  public Future<Void> close() {
    vertx.cancelTimer(timer);
    rollups.stop();
    return lastRun; // the storage closes after the modules: let a running rollup end its batch first
  }
}
