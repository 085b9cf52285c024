package org.gridcare.reports.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridcare.reports.domain.Interval;
import org.gridcare.reports.domain.Report;
import org.gridcare.reports.domain.ReportQuery;
import org.gridcare.reports.pg.PgReports;
import org.gridcare.reports.pg.PgRollups;
import org.postgresql.PGConnection;

/**
 * Report query latency over a year of interactions: a seeded generator writes at least {@code rows} journal rows
 * (IVR steps, queue events, operator state changes, ticket transitions, surveys, callbacks) for 2025 with
 * {@code COPY ... FROM STDIN}, then every report runs in three shapes (one day by 15 minutes, one month by day, the
 * year by month), {@code repeats} times each after a warm-up; the result gives each report's p95 and the largest.
 * Baseline: the same shapes as a bare {@code count(*)} over the journal's time range. After loading, the daily rollups
 * are built ({@code rollup_ms}); the reports then run as the server runs them (rolled days where they apply), and
 * {@code raw_year_ms} times each report once over the year from the journal alone (the same run's before).
 */
public final class ReportsBench {
  private static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
  private static final int OPERATORS_PER_LINE = 20;
  private static final int BATCH = 50_000;

  private ReportsBench() {}

  /** Loads the rows (blocking, JDBC COPY on a worker thread), then times the reports; one JSON result. */
  public static Future<JsonObject> run(Vertx vertx, Pool pool, String jdbcUrl, String user, String password, int rows,
      int repeats) {
    long loadStart = System.nanoTime();
    long[] rollup = new long[2];
    return load(vertx, jdbcUrl, user, password, rows).compose(loaded -> {
      long rollStart = System.nanoTime();
      return new PgRollups(pool, ZONE).run().map(days -> {
        rollup[0] = days;
        rollup[1] = (System.nanoTime() - rollStart) / 1_000_000;
        return loaded;
      });
    }).compose(loaded -> {
      long loadMs = (System.nanoTime() - loadStart) / 1_000_000 - rollup[1];
      Map<String, List<Integer>> operatorLines = new HashMap<>();
      for (int line = 1; line <= 3; line++) {
        for (int i = 0; i < OPERATORS_PER_LINE; i++) {
          operatorLines.put(operator(line, i), List.of(line));
        }
      }
      PgReports reports = new PgReports(pool, ZONE, Map.of(1, 20, 2, 60, 3, 120), operatorLines);
      PgReports raw = new PgReports(pool, ZONE, Map.of(1, 20, 2, 60, 3, 120), operatorLines, false);
      JsonObject rawYear = new JsonObject();
      JsonObject perReport = new JsonObject();
      JsonObject byShape = new JsonObject();
      Future<Void> chain = Future.succeededFuture();
      List<Long> baseline = new ArrayList<>();
      for (Report report : Report.values()) {
        List<Long> samples = new ArrayList<>();
        List<Long> shapeP95 = new ArrayList<>();
        for (ReportQuery q : queries(report)) {
          List<Long> ofShape = new ArrayList<>();
          chain = chain.compose(v -> reports.run(q).mapEmpty()); // warm-up
          for (int i = 0; i < repeats; i++) {
            chain = chain.compose(v -> {
              long t0 = System.nanoTime();
              return reports.run(q).map(t -> {
                ofShape.add((System.nanoTime() - t0) / 1_000_000);
                return null;
              });
            });
          }
          chain = chain.map(v -> {
            samples.addAll(ofShape);
            shapeP95.add(p95(ofShape));
            return null;
          });
        }
        ReportQuery year = queries(report).get(2);
        chain = chain.compose(v -> {
          long t0 = System.nanoTime();
          return raw.run(year).map(t -> {
            rawYear.put(report.id(), (System.nanoTime() - t0) / 1_000_000);
            return (Void) null;
          });
        });
        chain = chain.map(v -> {
          perReport.put(report.id(), p95(samples));
          byShape.put(report.id(), new io.vertx.core.json.JsonArray(shapeP95));
          return null;
        });
      }
      for (ReportQuery q : queries(Report.REQUESTS)) {
        for (int i = 0; i < repeats; i++) {
          chain = chain.compose(v -> {
            long t0 = System.nanoTime();
            return pool.preparedQuery("SELECT count(*) FROM journal WHERE at >= $1 AND at < $2")
                .execute(Tuple.of(q.from().atOffset(ZoneOffset.UTC), q.to().atOffset(ZoneOffset.UTC)))
                .map(r -> {
                  baseline.add((System.nanoTime() - t0) / 1_000_000);
                  return null;
                });
          });
        }
      }
      return chain.map(v -> {
        long max = perReport.stream().mapToLong(e -> ((Number) e.getValue()).longValue()).max().orElse(0);
        long base = Math.max(1, p95(baseline));
        return new JsonObject().put("rows", loaded).put("max_p95_ms", max).put("baseline_count_p95_ms", base)
            .put("ratio_to_baseline", Math.round(10.0 * max / base) / 10.0).put("repeats_per_shape", repeats)
            .put("load_ms", loadMs).put("rollup_days", rollup[0]).put("rollup_ms", rollup[1]).put("p95_ms", perReport)
            .put("raw_year_ms", rawYear)
            .put("p95_ms_by_shape", byShape.put("shapes", new io.vertx.core.json.JsonArray(
                List.of("one day by 15m", "one month by day", "the year by month"))));
      });
    });
  }

  /** One day of 2025 by 15 minutes, one month by day, the whole year by month. */
  private static List<ReportQuery> queries(Report report) {
    Instant day = LocalDate.of(2025, 6, 11).atStartOfDay(ZONE).toInstant();
    Instant month = LocalDate.of(2025, 6, 1).atStartOfDay(ZONE).toInstant();
    Instant year = LocalDate.of(2025, 1, 1).atStartOfDay(ZONE).toInstant();
    return List.of(
        new ReportQuery(report, day, LocalDate.of(2025, 6, 12).atStartOfDay(ZONE).toInstant(), Interval.MIN15, List.of()),
        new ReportQuery(report, month, LocalDate.of(2025, 7, 1).atStartOfDay(ZONE).toInstant(), Interval.DAY, List.of()),
        new ReportQuery(report, year, LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant(), Interval.MONTH, List.of()));
  }

  private static long p95(List<Long> samples) {
    long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.95) - 1)];
  }

  private static String operator(int line, int i) {
    return String.format("op%d%03d", line, i);
  }

  /**
   * Generates calls over 2025 until {@code rows} journal rows are written, one COPY of {@value #BATCH} rows per worker
   * task (so no worker is held for minutes); returns the number written.
   */
  static Future<Long> load(Vertx vertx, String jdbcUrl, String user, String password, int rows) {
    return vertx.executeBlocking(() -> DriverManager.getConnection(jdbcUrl, user, password)).compose(c -> {
      Loader loader = new Loader(c);
      return loader.next(vertx, rows)
          .compose(n -> vertx.executeBlocking(() -> {
            try (var st = c.createStatement()) {
              st.execute("ANALYZE journal");
            }
            return n;
          }))
          .eventually(() -> vertx.executeBlocking(() -> {
            c.close();
            return null;
          }));
    });
  }

  /** The generator's state between batches. */
  private static final class Loader {
    private static final String COPY =
        "COPY journal (at, type, call_id, line, operator_id, customer_id, data) FROM STDIN (FORMAT csv)";
    private final Connection connection;
    private final Random random = new Random(2025);
    private final Instant yearStart = LocalDate.of(2025, 1, 1).atStartOfDay(ZONE).toInstant();
    private long written;
    private long calls;

    Loader(Connection connection) {
      this.connection = connection;
    }

    Future<Long> next(Vertx vertx, int rows) {
      if (written >= rows) {
        return Future.succeededFuture(written);
      }
      return vertx.executeBlocking(() -> {
        StringBuilder batch = new StringBuilder();
        int inBatch = 0;
        while (inBatch < BATCH && written + inBatch < rows) {
          List<String> lines = call(random, yearStart, calls++);
          lines.forEach(l -> batch.append(l).append('\n'));
          inBatch += lines.size();
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(batch.toString()));
        written += inBatch;
        return null;
      }).compose(v -> next(vertx, rows));
    }
  }

  /** The journal rows of one seeded call. */
  private static List<String> call(Random r, Instant yearStart, long n) {
    List<String> out = new ArrayList<>();
    String id = "bench-" + n;
    long t = yearStart.toEpochMilli() + r.nextInt(365) * 86_400_000L + (7 * 3600 + r.nextInt(13 * 3600)) * 1000L;
    String customer = r.nextInt(3) == 0 ? null : Integer.toString(r.nextInt(200_000));
    out.add(row(t, "ivr.started", id, null, null, customer, "{\"language\":\"en\"}"));
    out.add(row(t + 5_000, "ivr.step", id, null, null, customer, "{\"node\":\"main-menu\",\"input\":\"digit\",\"key\":\"4\"}"));
    long ivr = 15_000 + r.nextInt(60_000);
    int roll = r.nextInt(100);
    if (roll < 15) {
      out.add(row(t + ivr, "ivr.completed", id, null, null, customer,
          "{\"ending\":\"self-served\",\"flow\":\"meter-reading\",\"durationMs\":" + ivr + "}"));
      return out;
    }
    if (roll < 20) {
      out.add(row(t + ivr, "ivr.completed", id, null, null, customer,
          "{\"ending\":\"abandoned\",\"lastNode\":\"operator-menu\",\"durationMs\":" + ivr + "}"));
      return out;
    }
    int lineRoll = r.nextInt(10);
    int line = lineRoll < 6 ? 1 : lineRoll < 9 ? 2 : 3;
    long q = t + ivr;
    out.add(row(q, "ivr.completed", id, line, null, customer, "{\"ending\":\"transferred\",\"durationMs\":" + ivr + "}"));
    out.add(row(q, "acd.call.queued", id, line, null, customer, "{\"topic\":\"outage\",\"priority\":10}"));
    long waited = (long) (-Math.log(1 - r.nextDouble()) * 25_000);
    if (r.nextInt(100) < 8) {
      out.add(row(q + waited, "acd.call.abandoned", id, line, null, customer, "{\"waitedMs\":" + waited + "}"));
      if (r.nextInt(4) == 0) {
        out.add(row(q + waited, "acd.callback.requested", id, line, null, customer, "{\"waitedMs\":" + waited + "}"));
      }
      return out;
    }
    if (r.nextInt(50) == 0) {
      int to = line == 3 ? 2 : line + 1;
      out.add(row(q + waited / 2, "acd.call.transferred", id, to, null, customer, "{\"fromLine\":" + line + "}"));
      line = to;
    }
    String op = operator(line, r.nextInt(OPERATORS_PER_LINE));
    long answered = q + waited;
    long talk = 60_000 + r.nextInt(400_000);
    long wrap = 30_000;
    out.add(row(answered - 3_000, "acd.operator.state-changed", null, null, op, null, "{\"from\":\"ready\",\"to\":\"reserved\"}"));
    out.add(row(answered, "acd.operator.state-changed", id, null, op, null, "{\"from\":\"reserved\",\"to\":\"on-call\"}"));
    out.add(row(answered, "acd.call.answered", id, line, op, customer, "{\"waitedMs\":" + waited + "}"));
    out.add(row(answered + talk, "acd.operator.state-changed", id, null, op, null, "{\"from\":\"on-call\",\"to\":\"wrap-up\"}"));
    out.add(row(answered + talk, "acd.call.completed", id, line, op, customer,
        "{\"talkMs\":" + talk + ",\"wrapUpMs\":" + wrap + "}"));
    out.add(row(answered + talk + wrap, "acd.operator.state-changed", null, null, op, null, "{\"from\":\"wrap-up\",\"to\":\"ready\"}"));
    if (r.nextInt(10) == 0) {
      out.add(row(answered + talk + 20_000, "ivr.survey.answered", id, null, null, customer,
          "{\"score\":" + (1 + r.nextInt(5)) + "}"));
    }
    if (r.nextInt(10) == 0) {
      String ticket = "\"T" + n + "\"";
      String[][] steps = {{null, "new"}, {"new", "in-progress"}, {"in-progress", "resolved"}};
      long at = answered + talk;
      for (String[] s : steps) {
        out.add(row(at, "crm.ticket.transitioned", null, line, op, customer, "{\"ticket\":" + ticket
            + (s[0] == null ? "" : ",\"from\":\"" + s[0] + "\"") + ",\"to\":\"" + s[1] + "\",\"topic\":\"billing\"}"));
        at += 3_600_000L * (1 + r.nextInt(48));
      }
    }
    return out;
  }

  private static String row(long atMillis, String type, String call, Integer line, String op, String customer,
      String json) {
    return String.join(",", Arrays.asList(Instant.ofEpochMilli(atMillis).toString(), type, call == null ? "" : call,
        line == null ? "" : line.toString(), op == null ? "" : op, customer == null ? "" : customer,
        "\"" + json.replace("\"", "\"\"") + "\""));
  }
}
