package org.gridcare.reports;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.reports.app.Reports;
import org.gridcare.reports.http.HttpReportsRoutes;
import org.gridcare.reports.pg.PgReports;
import org.gridcare.storage.Storage;

/** The contact-centre reports: computed from the journal on request, JSON and CSV, scoped by line. */
public final class ReportsModule {
  private final Reports reports;
  private final HttpReportsRoutes routes;

  private ReportsModule(Reports reports, HttpReportsRoutes routes) {
    this.reports = reports;
    this.routes = routes;
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
    return Future.succeededFuture(new ReportsModule(reports, new HttpReportsRoutes(reports, config.locale().zone())));
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
    return Future.succeededFuture();
  }
}
