package org.gridcare.reports.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridcare.reports.app.Reports;
import org.gridcare.reports.domain.Interval;
import org.gridcare.reports.domain.Report;
import org.gridcare.reports.domain.ReportQuery;
import org.gridcare.reports.domain.ReportTable;

/**
 * Reports computed in PostgreSQL from the journal (and the CRM's ticket register), one query each. Over days, months or
 * everything the reports {@link RollupSql} knows read the whole days {@link PgRollups} has rolled up and the rest raw:
 * the same rows either way.
 */
public final class PgReports implements Reports {
  private final Pool pool;
  private final ZoneId zone;
  private final Map<Integer, Integer> serviceLevelSeconds;
  private final Map<String, List<Integer>> operatorLines;
  private final boolean rollups;

  /** {@code serviceLevelSeconds} per line; {@code operatorLines}: each configured operator's lines (occupancy's filter). */
  public PgReports(Pool pool, ZoneId zone, Map<Integer, Integer> serviceLevelSeconds,
      Map<String, List<Integer>> operatorLines) {
    this(pool, zone, serviceLevelSeconds, operatorLines, true);
  }

  /** {@code rollups} false: every report from the journal alone (what the rolled-up reports are checked against). */
  public PgReports(Pool pool, ZoneId zone, Map<Integer, Integer> serviceLevelSeconds,
      Map<String, List<Integer>> operatorLines, boolean rollups) {
    this.rollups = rollups;
    this.pool = pool;
    this.zone = zone;
    this.serviceLevelSeconds = Map.copyOf(serviceLevelSeconds);
    this.operatorLines = Map.copyOf(operatorLines);
  }

  @Override
  public Future<ReportTable> run(ReportQuery q) {
    List<Object> args = new ArrayList<>(List.of(q.from().atOffset(ZoneOffset.UTC), q.to().atOffset(ZoneOffset.UTC),
        q.interval().step(), zone.getId()));
    if (q.report() == Report.OCCUPANCY) {
      args.add(operatorLines.entrySet().stream()
          .filter(e -> q.lines().isEmpty() || e.getValue().stream().anyMatch(q.lines()::contains))
          .map(Map.Entry::getKey).sorted().toArray(String[]::new));
    } else if (q.report().perLine()) {
      args.add(q.lines().isEmpty() ? null : q.lines().toArray(Integer[]::new));
    }
    if (q.report() == Report.SERVICE) {
      List<Integer> lines = serviceLevelSeconds.keySet().stream().sorted().toList();
      args.add(lines.toArray(Integer[]::new));
      args.add(lines.stream().map(serviceLevelSeconds::get).toArray(Integer[]::new));
    }
    return pool.preparedQuery(sql(q)).execute(Tuple.from(args)).map(rows -> {
      List<List<Object>> out = new ArrayList<>();
      for (Row r : rows) {
        List<Object> row = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
          row.add(plain(r.getValue(i)));
        }
        out.add(row);
      }
      return new ReportTable(rows.columnsNames(), out);
    });
  }

  /** Rolled up for whole days: by day, month or all, and (service) targets the rollup's wait histogram covers. */
  private String sql(ReportQuery q) {
    boolean byDays = q.interval() == Interval.DAY || q.interval() == Interval.MONTH || q.interval() == Interval.ALL;
    boolean targets = q.report() != Report.SERVICE
        || serviceLevelSeconds.values().stream().allMatch(s -> s <= RollupSql.MAX_TARGET_SECONDS);
    String rolled = RollupSql.SQL.get(q.report());
    return rollups && byDays && targets && rolled != null ? rolled : ReportSql.SQL.get(q.report());
  }

  /** Interval starts as local ISO date-times with offset, decimals as plain numbers. */
  private Object plain(Object v) {
    if (v instanceof OffsetDateTime t) {
      return t.atZoneSameInstant(zone).toOffsetDateTime().toString();
    }
    if (v instanceof BigDecimal d) {
      return d.scale() <= 0 ? (Object) d.longValueExact() : (Object) d.doubleValue();
    }
    return v;
  }
}
