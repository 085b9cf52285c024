package org.gridcare.acd.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gridcare.acd.bench.QueueSimulation.Line;
import org.gridcare.acd.bench.QueueSimulation.Result;
import org.gridcare.acd.bench.QueueSimulation.Staff;
import org.gridcare.acd.domain.RoutingRules;

/**
 * Service quality against the theoretical limit. (1) One pooled queue of identical operators at several loads,
 * routed by the ACD's own policy, against Erlang C for the same agents and load: they must agree within statistical
 * error. (2) The three lines at one staffing with and without the line-1 overflow to line-2 operators: what the
 * overflow policy gains in service level.
 */
public final class ErlangBenchmark {
  static final double AHT = 180;
  static final double TARGET = 20;
  static final int AGENTS = 10;
  static final long SEED = 20260115L;
  /** Aging and overflow pushed out of reach: plain first-come first-served, as Erlang C assumes. */
  private static final Duration NEVER = Duration.ofDays(3650);

  private ErlangBenchmark() {}

  public static JsonObject run(boolean quick) {
    long calls = quick ? 60_000 : 400_000;
    double[] loads = quick ? new double[] {7.0, 8.5} : new double[] {6.0, 7.0, 8.0, 8.5, 9.0};
    JsonArray rows = new JsonArray();
    double maxError = 0;
    for (double erlangs : loads) {
      Result r = new QueueSimulation(rules(NEVER), List.of(new Line(2, erlangs / AHT, "metering")),
          List.of(new Staff(AGENTS, Set.of(2), Set.of("metering"))), AHT, TARGET, calls, 0.1, SEED).run();
      ErlangC theory = new ErlangC(AGENTS, erlangs);
      double sl = theory.serviceLevel(TARGET, AHT);
      maxError = Math.max(maxError, Math.abs(r.overall().serviceLevel() - sl));
      rows.add(new JsonObject().put("agents", AGENTS).put("erlangs", erlangs).put("calls", r.overall().calls())
          .put("measured_sl", round(r.overall().serviceLevel())).put("erlang_c_sl", round(sl))
          .put("measured_asa_s", round(r.overall().averageSpeedOfAnswer()))
          .put("erlang_c_asa_s", round(theory.averageSpeedOfAnswer(AHT))));
    }
    Result isolated = threeLines(NEVER, calls);
    Result overflow = threeLines(Duration.ofSeconds(30), calls);
    return new JsonObject().put("rows", rows).put("max_sl_error", round(maxError))
        .put("overflow_sl_gain", round(overflow.overall().serviceLevel() - isolated.overall().serviceLevel()))
        .put("overflow", new JsonObject()
            .put("isolated", summary(isolated)).put("with_overflow_after_30s", summary(overflow)));
  }

  /** Line 1 busy (8 operators, 7.2 Erlangs), line 2 lighter (8 operators holding the outage skill too, 5.6), line 3 apart. */
  static Result threeLines(Duration overflowAfter, long calls) {
    return new QueueSimulation(rules(overflowAfter),
        List.of(new Line(1, 7.2 / AHT, "outage"), new Line(2, 5.6 / AHT, "metering"), new Line(3, 2.4 / AHT, "technical")),
        List.of(new Staff(8, Set.of(1), Set.of("outage")), new Staff(8, Set.of(2), Set.of("metering", "outage")),
            new Staff(4, Set.of(3), Set.of("technical"))),
        AHT, TARGET, calls, 0.1, SEED).run();
  }

  private static RoutingRules rules(Duration overflowAfter) {
    return new RoutingRules(NEVER, overflowAfter, List.of(), Duration.ofMinutes(5));
  }

  private static JsonObject summary(Result r) {
    JsonObject lines = new JsonObject();
    r.lines().forEach((line, s) -> lines.put(line.toString(), new JsonObject()
        .put("sl", round(s.serviceLevel())).put("asa_s", round(s.averageSpeedOfAnswer()))));
    return new JsonObject().put("sl", round(r.overall().serviceLevel()))
        .put("asa_s", round(r.overall().averageSpeedOfAnswer())).put("lines", lines);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  public static void main(String[] args) {
    System.out.println(run(List.of(args).contains("--quick")).encode());
  }
}
