package org.gridcare.acd.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.WaitingCall;

/**
 * The ACD's meters: {@code acd.queue.wait} (timer, tags {@code line}, {@code outcome}: answered, abandoned,
 * overflowed; with the line's service-level time as an SLO bucket, so service level and average speed of answer
 * come from it), {@code acd.call.handle} (talk + wrap-up per line, average handling time), gauges
 * {@code acd.queue.waiting} and {@code acd.queue.longest.wait} per line and {@code acd.operators} per state
 * (occupancy). Gauges show this instance's last look at the shared state.
 */
public final class AcdMetrics {
  public static final String ANSWERED = "answered";
  public static final String ABANDONED = "abandoned";
  public static final String OVERFLOWED = "overflowed";

  private final MeterRegistry registry;
  private final Map<Integer, AtomicLong> waiting = new HashMap<>();
  private final Map<Integer, AtomicLong> longestMillis = new HashMap<>();
  private final Map<OperatorState, AtomicLong> operators = new EnumMap<>(OperatorState.class);

  private final Map<Integer, Duration> serviceLevel;

  /** {@code serviceLevel}: each line's target answer time (service-level-seconds). */
  public AcdMetrics(MeterRegistry registry, Map<Integer, Duration> serviceLevel) {
    this.registry = registry;
    this.serviceLevel = Map.copyOf(serviceLevel);
    Collection<Integer> lines = serviceLevel.keySet();
    for (Integer line : lines) {
      AtomicLong count = new AtomicLong();
      AtomicLong longest = new AtomicLong();
      waiting.put(line, count);
      longestMillis.put(line, longest);
      Gauge.builder("acd.queue.waiting", count, AtomicLong::get).tag("line", line.toString())
          .description("Calls waiting for an operator").register(registry);
      Gauge.builder("acd.queue.longest.wait", longest, l -> l.get() / 1000.0).tag("line", line.toString())
          .baseUnit("seconds").description("Longest current wait").register(registry);
    }
    Gauge.builder("acd.operators.occupancy", operators, AcdMetrics::occupancy)
        .description("Share of logged-in operators busy with a call (offered, talking or in wrap-up)")
        .register(registry);
    for (OperatorState s : OperatorState.values()) {
      AtomicLong n = new AtomicLong();
      operators.put(s, n);
      Gauge.builder("acd.operators", n, AtomicLong::get).tag("state", s.id())
          .description("Operators by state").register(registry);
    }
  }

  void callLeftQueue(int line, String outcome, Duration waited) {
    Timer.Builder timer = Timer.builder("acd.queue.wait").tag("line", Integer.toString(line)).tag("outcome", outcome)
        .description("Time callers waited in queue, by how the wait ended");
    if (serviceLevel.containsKey(line)) {
      timer.serviceLevelObjectives(serviceLevel.get(line));
    }
    timer.register(registry).record(waited);
  }

  void handled(int line, Duration talkAndWrapUp) {
    Timer.builder("acd.call.handle").tag("line", Integer.toString(line))
        .description("Handling time of answered calls: talk and wrap-up")
        .register(registry).record(talkAndWrapUp);
  }

  /** Busy (reserved, on-call, wrap-up) over logged in; 0 when nobody is logged in. */
  static double occupancy(Map<OperatorState, AtomicLong> byState) {
    long busy = 0;
    long loggedIn = 0;
    for (var e : byState.entrySet()) {
      long n = e.getValue().get();
      if (e.getKey() != OperatorState.LOGGED_OUT) {
        loggedIn += n;
      }
      if (e.getKey() == OperatorState.RESERVED || e.getKey() == OperatorState.ON_CALL
          || e.getKey() == OperatorState.WRAP_UP) {
        busy += n;
      }
    }
    return loggedIn == 0 ? 0 : (double) busy / loggedIn;
  }

  void observe(List<WaitingCall> calls, Collection<OperatorView> staff, Instant now) {
    waiting.forEach((line, n) -> n.set(calls.stream().filter(c -> c.line() == line).count()));
    longestMillis.forEach((line, n) -> n.set(calls.stream().filter(c -> c.line() == line)
        .mapToLong(c -> c.waited(now).toMillis()).max().orElse(0)));
    operators.forEach((state, n) -> n.set(staff.stream().filter(o -> o.status().state() == state).count()));
  }
}
