package org.gridcare.acd.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Test-data builders on a fixed clock: {@link #NOW} is "now" for every routing test. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

  static final RoutingRules RULES = new RoutingRules(Duration.ofSeconds(60), Duration.ofSeconds(90),
      java.util.List.of(new RoutingRules.Widening(Duration.ZERO, 3), new RoutingRules.Widening(Duration.ofSeconds(30), 1)),
      Duration.ofMinutes(5));

  private Fixtures() {}

  static CallBuilder call(String id) {
    return new CallBuilder(id);
  }

  static OpBuilder operator(String id) {
    return new OpBuilder(id);
  }

  static final class CallBuilder {
    private final String id;
    private int line = 1;
    private String topic = "outage";
    private String skill = "outage";
    private int priority;
    private boolean hazard;
    private int boost;
    private Duration waited = Duration.ZERO;
    private boolean callback;

    CallBuilder(String id) {
      this.id = id;
    }

    CallBuilder line(int l) { this.line = l; return this; }
    CallBuilder skill(String s) { this.skill = s; this.topic = s; return this; }
    CallBuilder priority(int p) { this.priority = p; return this; }
    CallBuilder hazard() { this.hazard = true; return this; }
    CallBuilder boost(int b) { this.boost = b; return this; }
    CallBuilder waited(Duration w) { this.waited = w; return this; }
    CallBuilder waitedSeconds(long s) { return waited(Duration.ofSeconds(s)); }
    CallBuilder callback() { this.callback = true; return this; }

    WaitingCall build() {
      return new WaitingCall(id, callback ? null : "chan-" + id, line, topic, skill, priority, hazard, boost,
          "cust-" + id, null, NOW.minus(waited), callback);
    }
  }

  static final class OpBuilder {
    private final String id;
    private Set<Integer> lines = Set.of(1);
    private final Map<String, Integer> skills = new HashMap<>();
    private OperatorState state = OperatorState.READY;
    private Duration idle = Duration.ofSeconds(10);

    OpBuilder(String id) {
      this.id = id;
    }

    OpBuilder lines(Integer... l) { this.lines = Arrays.stream(l).collect(Collectors.toSet()); return this; }
    OpBuilder skill(String s, int level) { skills.put(s, level); return this; }
    OpBuilder idleSeconds(long s) { this.idle = Duration.ofSeconds(s); return this; }
    OpBuilder state(OperatorState s) { this.state = s; return this; }

    OperatorView build() {
      if (skills.isEmpty()) {
        skills.put("outage", 5);
      }
      Operator op = new Operator(id, id, "PJSIP/" + id, lines, skills);
      Instant idleSince = NOW.minus(idle);
      OperatorStatus s = OperatorStatus.loggedOut(id, idleSince.minusSeconds(60))
          .login("PJSIP/" + id, idleSince.minusSeconds(60))
          .ready(idleSince);
      s = switch (state) {
        case READY -> s;
        case LOGGED_OUT -> s.logout(idleSince);
        case NOT_READY -> s.notReady("break", idleSince);
        case RESERVED -> s.reserve("other", idleSince);
        case ON_CALL -> s.reserve("other", idleSince).answer(idleSince);
        case WRAP_UP -> s.reserve("other", idleSince).answer(idleSince).hangUp(Duration.ofMinutes(10), idleSince);
      };
      return new OperatorView(op, s);
    }
  }
}
