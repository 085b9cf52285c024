package org.gridcare.reports.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.reports.app.Reports;
import org.gridcare.reports.domain.Interval;
import org.gridcare.reports.domain.Report;
import org.gridcare.reports.domain.ReportQuery;
import org.gridcare.reports.domain.ReportTable;

/**
 * {@code GET /api/reports} and {@code /api/reports/{report}} as JSON or CSV. A supervisor reads the lines in their
 * principal ({@code lines}); asking for another line is 403; without a line filter they get their own lines. Admins
 * read every line, and without a filter also the facts that belong to no line.
 */
public final class HttpReportsRoutes implements Consumer<RouterBuilder> {
  public static final String FRAGMENT = "openapi/reports.yaml";
  private final Reports reports;
  private final ZoneId zone;

  public HttpReportsRoutes(Reports reports, ZoneId zone) {
    this.reports = reports;
    this.zone = zone;
  }

  @Override
  public void accept(RouterBuilder rb) {
    rb.getRoute("listReports").addHandler(this::list);
    rb.getRoute("getReport").addHandler(this::report);
  }

  private void list(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (Report r : Report.values()) {
      out.add(new JsonObject().put("id", r.id()).put("title", r.title()).put("perLine", r.perLine()));
    }
    ctx.response().putHeader("content-type", "application/json").end(out.encode());
  }

  private void report(RoutingContext ctx) {
    ReportQuery query;
    try {
      Report report = Report.of(ctx.pathParam("report"));
      Instant from = instant("from", ctx.queryParams().get("from"));
      Instant to = instant("to", ctx.queryParams().get("to"));
      Interval interval = Interval.of(ctx.queryParams().get("interval") == null ? "day" : ctx.queryParams().get("interval"));
      query = new ReportQuery(report, from, to, interval, report.perLine() ? lines(ctx) : List.of());
    } catch (DomainException e) {
      ctx.fail(e);
      return;
    }
    boolean csv = "csv".equals(ctx.queryParams().get("format"));
    reports.run(query).onSuccess(table -> {
      if (csv) {
        ctx.response().putHeader("content-type", "text/csv; charset=utf-8")
            .putHeader("content-disposition", "attachment; filename=\"" + query.report().id() + "-"
                + ctx.queryParams().get("from") + ".csv\"")
            .end(table.csv());
      } else {
        ctx.response().putHeader("content-type", "application/json").end(json(query, table).encode());
      }
    }).onFailure(ctx::fail);
  }

  /**
   * The lines asked for, each within the user's scope; none asked: the user's scope (all for admins). A supervisor's
   * scope is their lines, and line 2 too for a line-1 supervisor (seed 003 table 9), as on the wallboard.
   */
  private static List<Integer> lines(RoutingContext ctx) {
    JsonObject me = ctx.user().principal();
    boolean admin = me.getJsonArray("roles", new JsonArray()).contains("admin");
    JsonArray mine = me.getJsonArray("lines", new JsonArray()).copy();
    if (mine.contains(1) && !mine.contains(2)) {
      mine.add(2);
    }
    List<Integer> asked = new ArrayList<>();
    for (String s : ctx.queryParam("line")) {
      for (String part : s.split(",")) {
        int line = Integer.parseInt(part.strip());
        if (!admin && !mine.contains(line)) {
          throw DomainException.forbidden("line-out-of-scope", "You may not read line " + line);
        }
        asked.add(line);
      }
    }
    if (!asked.isEmpty() || admin) {
      return asked;
    }
    List<Integer> scope = new ArrayList<>();
    mine.forEach(l -> scope.add(((Number) l).intValue()));
    if (scope.isEmpty()) {
      throw DomainException.forbidden("no-lines", "You are assigned no line");
    }
    return scope;
  }

  /** An ISO date (local midnight in the centre's zone) or an ISO instant. */
  private Instant instant(String name, String value) {
    if (value == null) {
      throw DomainException.invalid("missing-" + name, name + " is required");
    }
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(zone).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid("bad-" + name, name + " must be a date (2026-11-25) or an instant "
          + "(2026-11-25T08:00:00Z), got " + value);
    }
  }

  private static JsonObject json(ReportQuery q, ReportTable table) {
    JsonArray rows = new JsonArray();
    for (List<Object> row : table.rows()) {
      JsonObject o = new JsonObject();
      for (int i = 0; i < table.columns().size(); i++) {
        o.put(table.columns().get(i), row.get(i));
      }
      rows.add(o);
    }
    return new JsonObject().put("report", q.report().id()).put("title", q.report().title())
        .put("from", q.from().toString()).put("to", q.to().toString()).put("interval", q.interval().id())
        .put("lines", new JsonArray(q.lines())).put("columns", new JsonArray(table.columns())).put("rows", rows);
  }
}
