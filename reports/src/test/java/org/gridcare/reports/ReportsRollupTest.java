package org.gridcare.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.gridcare.reports.domain.Interval;
import org.gridcare.reports.domain.Report;
import org.gridcare.reports.domain.ReportQuery;
import org.gridcare.reports.domain.ReportTable;
import org.gridcare.reports.pg.PgReports;
import org.gridcare.reports.pg.PgRollups;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily rollups change no figure: over seeded days around both 2025 DST switches (calls across midnight, states
 * held for days, tickets open for days, callbacks, missing fields) every report, every interval, with and without a
 * line filter, gives the same rows rolled up as computed from the journal alone; also after a late row lands in a
 * rolled day, and after the job has rolled that day again. State changes at the same instant and at midnight included.
 */
@RealServers
class ReportsRollupTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
  private static final Map<Integer, Integer> TARGETS = Map.of(1, 20, 2, 60, 3, 120);
  private static final List<LocalDate> SPRING = days(LocalDate.of(2025, 3, 27), 7);
  private static final List<LocalDate> AUTUMN = days(LocalDate.of(2025, 10, 24), 5);
  private static Vertx vertx;
  private static Storage storage;
  private static PgReports raw;
  private static PgReports rolled;
  private static PgRollups job;

  @BeforeAll
  static void seed(StorageSettings settings) throws Exception {
    vertx = Vertx.vertx();
    storage = await(Storage.start(vertx, settings));
    Random r = new Random(7);
    List<Tuple> rows = new ArrayList<>();
    Map<String, List<Integer>> operators = new HashMap<>();
    for (int line = 1; line <= 3; line++) {
      for (int i = 0; i < 3; i++) {
        String op = "op" + line + "00" + i;
        operators.put(op, List.of(line));
        states(r, op, rows);
      }
    }
    int call = 0;
    for (List<LocalDate> period : List.of(SPRING, AUTUMN)) {
      for (LocalDate day : period) {
        for (int i = 0; i < 40; i++) {
          call(r, "c" + call++, day.atStartOfDay(ZONE).toInstant().plusSeconds(r.nextInt(86_400)), rows);
        }
        // a call queued seconds before midnight and ended after it
        call(r, "c" + call++, day.plusDays(1).atStartOfDay(ZONE).toInstant().minusSeconds(20), rows);
      }
    }
    await(storage.pool().preparedQuery("INSERT INTO journal (at, type, call_id, line, operator_id, data) "
        + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)").executeBatch(rows));
    raw = new PgReports(storage.pool(), ZONE, TARGETS, operators, false);
    rolled = new PgReports(storage.pool(), ZONE, TARGETS, operators);
    job = new PgRollups(storage.pool(), ZONE);
  }

  @AfterAll
  static void close() throws Exception {
    await(storage.close());
    await(vertx.close());
  }

  @Test
  void rolledUpReportsEqualTheRawOnesAlsoAfterALateRow() throws Exception {
    assertSame("before any rollup");
    await(job.run());
    assertThat(rolledDays(SPRING.get(0), AUTUMN.get(AUTUMN.size() - 1).plusDays(1))).isEqualTo(216);
    assertSame("rolled up");
    assertThat(await(job.run())).as("nothing left to roll").isZero();

    // a late row in a rolled day: a completion and a state change of an operator on 2025-03-30 (the spring switch),
    // a transition of a ticket; that day and every later one are read raw until the job rolls them again
    LocalDate lateDay = SPRING.get(3);
    Instant late = lateDay.atTime(LocalTime.of(23, 30)).atZone(ZONE).toInstant();
    List<Tuple> lateRows = List.of(
        row(late, "acd.call.completed", "late", 2, "op2001", "{\"talkMs\":5000,\"wrapUpMs\":1000}"),
        row(late, "acd.operator.state-changed", null, null, "op1001", "{\"to\":\"not-ready\"}"),
        row(late, "crm.ticket.transitioned", null, 1, "op1001", "{\"ticket\":\"T1\",\"from\":\"new\",\"to\":\"closed\"}"));
    await(storage.pool().preparedQuery("INSERT INTO journal (at, type, call_id, line, operator_id, data) "
        + "VALUES ($1, $2, $3, $4, $5, $6::text::jsonb)").executeBatch(lateRows));
    assertThat(rolledDays(SPRING.get(0), AUTUMN.get(AUTUMN.size() - 1).plusDays(1))).isEqualTo(3);
    assertSame("after a late row");

    assertThat(await(job.run())).as("rolled again from the late row's day").isGreaterThan(365);
    assertThat(rolledDays(SPRING.get(0), AUTUMN.get(AUTUMN.size() - 1).plusDays(1))).isEqualTo(216);
    assertSame("rolled again");
  }

  @Test
  void theRolledUpPathReadsTheDayTables() throws Exception {
    await(job.run());
    Instant from = LocalDate.of(2025, 3, 1).atStartOfDay(ZONE).toInstant();
    Instant to = LocalDate.of(2025, 5, 1).atStartOfDay(ZONE).toInstant();
    ReportQuery q = new ReportQuery(Report.AHT, from, to, Interval.MONTH, List.of());
    ReportTable before = await(rolled.run(q));
    await(storage.pool().query("UPDATE report_day_aht SET handled = handled + 1000").execute());
    try {
      assertThat(await(rolled.run(q))).as("a tampered rollup shows").isNotEqualTo(before);
      assertThat(await(raw.run(q))).isEqualTo(before);
    } finally {
      await(storage.pool().query("UPDATE report_day_aht SET handled = handled - 1000").execute());
    }
  }

  /** Every rolled report, interval and line filter over several ranges: rolled up == raw. */
  private static void assertSame(String when) throws Exception {
    LocalDate first = SPRING.get(0);
    LocalDate lastAutumn = AUTUMN.get(AUTUMN.size() - 1);
    List<Instant[]> ranges = List.of(
        new Instant[] {first.atStartOfDay(ZONE).toInstant(), lastAutumn.plusDays(1).atStartOfDay(ZONE).toInstant()},
        // unaligned edges (mid-day) over both switches
        new Instant[] {first.atStartOfDay(ZONE).toInstant().plus(Duration.ofHours(13).plusMinutes(7)),
            lastAutumn.atStartOfDay(ZONE).toInstant().plus(Duration.ofHours(9))},
        // the 23-hour day alone, and a range starting long before the first row
        new Instant[] {LocalDate.of(2025, 3, 30).atStartOfDay(ZONE).toInstant(),
            LocalDate.of(2025, 3, 31).atStartOfDay(ZONE).toInstant()},
        new Instant[] {Instant.parse("2024-06-01T00:00:00Z"), LocalDate.of(2025, 10, 26).atStartOfDay(ZONE).toInstant()
            .plus(Duration.ofHours(25))});
    int compared = 0;
    for (Report report : List.of(Report.REQUESTS, Report.SERVICE, Report.AHT, Report.IVR_TIME, Report.OCCUPANCY,
        Report.TICKETS)) {
      for (Instant[] range : ranges) {
        for (Interval interval : List.of(Interval.DAY, Interval.MONTH, Interval.ALL, Interval.MIN60)) {
          if (interval == Interval.MIN60 && Duration.between(range[0], range[1]).toDays() > 40) {
            continue;
          }
          for (List<Integer> lines : List.of(List.<Integer>of(), List.of(1), List.of(2, 3))) {
            ReportQuery q = new ReportQuery(report, range[0], range[1], interval, lines);
            ReportTable want = await(raw.run(q));
            assertThat(await(rolled.run(q))).as(when + ": " + q).isEqualTo(want);
            compared += want.rows().size();
          }
        }
      }
    }
    assertThat(compared).as("rows compared").isGreaterThan(1000);
  }

  /** How many rolled days a report over [from, to) may read (report_rollup_window). */
  private static long rolledDays(LocalDate from, LocalDate to) throws Exception {
    Row w = await(storage.pool().preparedQuery("SELECT r1, r2 FROM report_rollup_window($1, $2, $3)")
        .execute(Tuple.of(from.atStartOfDay(ZONE).toOffsetDateTime(), to.atStartOfDay(ZONE).toOffsetDateTime(),
            ZONE.getId()))).iterator().next();
    return Duration.between(w.getOffsetDateTime(0), w.getOffsetDateTime(1)).toHours() / 24;
  }

  /** An operator's state changes through both periods, strictly later each time, some held across midnight. */
  private static void states(Random r, String op, List<Tuple> rows) {
    String[] cycle = {"ready", "reserved", "on-call", "wrap-up", "ready", "break", "not-ready", "logged-out"};
    for (List<LocalDate> period : List.of(SPRING, AUTUMN)) {
      Instant t = period.get(0).atStartOfDay(ZONE).toInstant().plusSeconds(r.nextInt(3600));
      Instant end = period.get(period.size() - 1).plusDays(1).atStartOfDay(ZONE).toInstant();
      int i = 0;
      while (t.isBefore(end)) {
        rows.add(row(t, "acd.operator.state-changed", null, null, op, "{\"to\":\"" + cycle[i++ % cycle.length] + "\"}"));
        int next = r.nextInt(20);
        if (next == 0) { // two changes at the same instant: they count in the order written
          rows.add(row(t, "acd.operator.state-changed", null, null, op, "{\"to\":\"" + cycle[i++ % cycle.length] + "\"}"));
        }
        Instant midnight = LocalDate.ofInstant(t, ZONE).plusDays(1).atStartOfDay(ZONE).toInstant();
        t = next == 1 ? midnight : t.plusMillis(1 + (r.nextInt(10) == 0 ? r.nextInt(40_000_000) : r.nextInt(3_000_000)));
      }
    }
  }

  /** One call's facts from its IVR end on, with the odd missing field, callback and ticket. */
  private static void call(Random r, String id, Instant t, List<Tuple> rows) {
    int roll = r.nextInt(10);
    Integer line = roll == 0 ? null : 1 + r.nextInt(3);
    String ending = roll < 2 ? "self-served" : roll < 3 ? "abandoned" : "transferred";
    rows.add(row(t, "ivr.completed", id, roll < 3 ? null : line, null,
        "{\"ending\":\"" + ending + "\"" + (r.nextInt(20) == 0 ? "" : ",\"durationMs\":" + r.nextInt(90_000)) + "}"));
    if (roll < 3) {
      return;
    }
    rows.add(row(t, "acd.call.queued", id, line, null, "{}"));
    long waited = r.nextInt(8) == 0 ? 3_590_000 + r.nextInt(20_000) : r.nextInt(150_000);
    String wait = r.nextInt(30) == 0 ? "{}" : "{\"waitedMs\":" + waited + "}";
    Instant answered = t.plusMillis(waited);
    boolean callback = r.nextInt(10) == 0;
    String op = "op" + (line == null ? 1 : line) + "00" + r.nextInt(3);
    switch (r.nextInt(10)) {
      case 0 -> rows.add(row(answered, "acd.call.abandoned", id, line, null, wait));
      case 1 -> rows.add(row(answered, "acd.call.overflowed", id, line, null, wait));
      case 2 -> { } // still waiting (in progress)
      default -> {
        rows.add(row(answered, "acd.call.answered", id, line, op, callback ? "{\"callback\":true,\"waitedMs\":1}" : wait));
        long talk = r.nextInt(600_000);
        String connected = new String[] {"", ",\"connected\":false", ",\"connected\":true"}[r.nextInt(3)];
        rows.add(row(answered.plusMillis(talk), "acd.call.completed", id, line, op, r.nextInt(15) == 0 ? "{\"talkMs\":"
            + talk + connected + "}" : "{\"talkMs\":" + talk + ",\"wrapUpMs\":" + r.nextInt(60_000) + connected + "}"));
        if (callback) {
          rows.add(row(answered.plusSeconds(60), "acd.callback.dialled", id, line, op, "{}"));
          if (connected.contains("false")) { // the customer did not answer: tried again later, or given up
            rows.add(row(answered.plusMillis(talk + 1), "acd.callback.missed", id, line, op,
                "{\"attempts\":1,\"retry\":" + r.nextBoolean() + "}"));
          }
        }
        if (r.nextInt(4) == 0) {
          Instant at = answered.plusMillis(talk);
          String[] to = {"new", "in-progress", "resolved", "closed"};
          for (int s = 0; s < 1 + r.nextInt(4); s++) {
            rows.add(row(at, "crm.ticket.transitioned", null, line, op, "{\"ticket\":\"T" + id + "\""
                + (s == 0 ? "" : ",\"from\":\"" + to[s - 1] + "\"") + ",\"to\":\"" + to[s] + "\"}"));
            at = at.plusMillis(r.nextInt(200_000_000));
          }
        }
      }
    }
  }

  private static Tuple row(Instant at, String type, String call, Integer line, String op, String json) {
    return Tuple.of(at.atOffset(ZoneOffset.UTC), type, call, line, op, json);
  }

  private static List<LocalDate> days(LocalDate first, int n) {
    return first.datesUntil(first.plusDays(n)).toList();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }
}
