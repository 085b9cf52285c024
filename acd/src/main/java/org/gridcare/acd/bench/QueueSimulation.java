package org.gridcare.acd.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.gridcare.acd.domain.Assignment;
import org.gridcare.acd.domain.Operator;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.Routing;
import org.gridcare.acd.domain.RoutingRules;
import org.gridcare.acd.domain.WaitingCall;

/**
 * A seeded discrete-event simulation in virtual time of the ACD's own routing ({@link Routing}) and operator state
 * machine: Poisson arrivals per line, exponential handling, answer without ringing, no abandonment, no wrap-up.
 * The first {@code warmUp} share of calls is not measured.
 */
public final class QueueSimulation {
  /** A line: arrivals per second, the skill its calls need. */
  public record Line(int id, double arrivalsPerSecond, String skill) {}

  /** {@code lines} the operators serve, all at proficiency 5 in {@code skills}. */
  public record Staff(int count, Set<Integer> lines, Set<String> skills) {}

  /** Per line and overall: calls measured, share answered within the target, mean wait. */
  public record Result(Map<Integer, Stats> lines, Stats overall) {}

  public record Stats(long calls, double serviceLevel, double averageSpeedOfAnswer) {}

  private record Event(double at, long order, Runnable action) {}

  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

  private final Routing routing;
  private final List<Line> lines;
  private final List<Staff> staff;
  private final double meanHandleSeconds;
  private final double targetSeconds;
  private final long calls;
  private final double warmUp;
  private final SplittableRandom random;

  private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) ->
      a.at() != b.at() ? Double.compare(a.at(), b.at()) : Long.compare(a.order(), b.order()));
  private final List<WaitingCall> waiting = new ArrayList<>();
  private final Map<String, OperatorView> operators = new HashMap<>();
  private final Map<Integer, double[]> measured = new HashMap<>();
  private final Set<String> warmingUp = new HashSet<>();
  private long order;
  private long arrived;
  private double now;

  public QueueSimulation(RoutingRules rules, List<Line> lines, List<Staff> staff, double meanHandleSeconds,
      double targetSeconds, long calls, double warmUp, long seed) {
    this.routing = new Routing(rules);
    this.lines = List.copyOf(lines);
    this.staff = List.copyOf(staff);
    this.meanHandleSeconds = meanHandleSeconds;
    this.targetSeconds = targetSeconds;
    this.calls = calls;
    this.warmUp = warmUp;
    this.random = new SplittableRandom(seed);
  }

  public Result run() {
    int n = 0;
    for (Staff group : staff) {
      for (int i = 0; i < group.count(); i++) {
        String id = "op" + n++;
        Map<String, Integer> skills = new HashMap<>();
        group.skills().forEach(s -> skills.put(s, 5));
        OperatorStatus s = OperatorStatus.loggedOut(id, ORIGIN).login("sim/" + id, ORIGIN).ready(ORIGIN);
        operators.put(id, new OperatorView(new Operator(id, id, "sim/" + id, group.lines(), skills), s));
      }
    }
    lines.forEach(this::scheduleArrival);
    while (!events.isEmpty()) {
      Event e = events.poll();
      now = e.at();
      e.action().run();
    }
    Map<Integer, Stats> perLine = new HashMap<>();
    double[] all = new double[3];
    measured.forEach((line, m) -> {
      perLine.put(line, stats(m));
      for (int i = 0; i < 3; i++) {
        all[i] += m[i];
      }
    });
    return new Result(perLine, stats(all));
  }

  private static Stats stats(double[] m) {
    return new Stats((long) m[0], m[0] == 0 ? 0 : m[1] / m[0], m[0] == 0 ? 0 : m[2] / m[0]);
  }

  private void at(double time, Runnable action) {
    events.add(new Event(time, order++, action));
  }

  private Instant instant(double seconds) {
    return ORIGIN.plusNanos(Math.round(seconds * 1e9));
  }

  private double exponential(double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  private void scheduleArrival(Line line) {
    at(now + exponential(1 / line.arrivalsPerSecond()), () -> {
      if (arrived >= calls) {
        return;
      }
      long seq = arrived++;
      WaitingCall call = new WaitingCall("c" + seq, "sim", line.id(), line.skill(), line.skill(), 0, false, 0, null,
          null, instant(now), false);
      if (seq < calls * warmUp) {
        warmingUp.add(call.callId());
      }
      waiting.add(call);
      if (line.id() == RoutingRules.OVERFLOW_FROM_LINE) {
        // overflow eligibility starts while nothing else happens: look again at that moment
        at(now + routing.rules().line1OverflowAfter().toNanos() / 1e9, this::dispatch);
      }
      dispatch();
      scheduleArrival(line);
    });
  }

  private void dispatch() {
    Instant t = instant(now);
    List<OperatorView> free = operators.values().stream().filter(o -> o.status().available()).toList();
    if (free.isEmpty() || waiting.isEmpty()) {
      return;
    }
    for (Assignment a : routing.assign(waiting, free, t)) {
      WaitingCall call = a.call();
      waiting.remove(call);
      if (!warmingUp.remove(call.callId())) {
        double wait = Duration.between(call.enqueuedAt(), t).toNanos() / 1e9;
        double[] m = measured.computeIfAbsent(call.line(), k -> new double[3]);
        m[0]++;
        m[1] += wait <= targetSeconds ? 1 : 0;
        m[2] += wait;
      }
      String id = a.operator().id();
      OperatorView busy = new OperatorView(a.operator().operator(), a.operator().status().reserve(call.callId(), t).answer(t));
      operators.put(id, busy);
      at(now + exponential(meanHandleSeconds), () -> {
        OperatorView op = operators.get(id);
        operators.put(id, new OperatorView(op.operator(), op.status().hangUp(Duration.ZERO, instant(now))));
        dispatch();
      });
    }
  }
}
