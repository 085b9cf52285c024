package org.gridcare.acd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gridcare.acd.bench.QueueSimulation.Line;
import org.gridcare.acd.bench.QueueSimulation.Result;
import org.gridcare.acd.bench.QueueSimulation.Staff;
import org.gridcare.acd.domain.RoutingRules;
import org.junit.jupiter.api.Test;

/** The ACD's routing in virtual time agrees with queueing theory, and the overflow rule pays off. */
class QueueSimulationTest {
  private static final Duration NEVER = Duration.ofDays(3650);

  @Test
  void aPooledQueueRoutedByTheAcdAgreesWithErlangC() {
    double erlangs = 7;
    Result r = new QueueSimulation(new RoutingRules(NEVER, NEVER, List.of(), Duration.ofMinutes(5)),
        List.of(new Line(2, erlangs / 180, "metering")), List.of(new Staff(10, Set.of(2), Set.of("metering"))),
        180, 20, 60_000, 0.1, 7L).run();
    ErlangC theory = new ErlangC(10, erlangs);
    assertThat(r.overall().calls()).isEqualTo(54_000);
    assertThat(r.overall().serviceLevel()).isCloseTo(theory.serviceLevel(20, 180), within(0.03));
    assertThat(r.overall().averageSpeedOfAnswer()).isCloseTo(theory.averageSpeedOfAnswer(180), within(3.0));
  }

  @Test
  void theSameSeedGivesTheSameRun() {
    RoutingRules rules = new RoutingRules(NEVER, NEVER, List.of(), Duration.ofMinutes(5));
    var lines = List.of(new Line(2, 0.04, "metering"));
    var staff = List.of(new Staff(10, Set.of(2), Set.of("metering")));
    assertThat(new QueueSimulation(rules, lines, staff, 180, 20, 5_000, 0.1, 3L).run())
        .isEqualTo(new QueueSimulation(rules, lines, staff, 180, 20, 5_000, 0.1, 3L).run());
  }

  @Test
  void lineOneOverflowRaisesTheServiceLevelAtTheSameStaffing() {
    Result isolated = ErlangBenchmark.threeLines(NEVER, 40_000);
    Result overflow = ErlangBenchmark.threeLines(Duration.ofSeconds(30), 40_000);
    assertThat(overflow.lines().get(1).serviceLevel()).isGreaterThan(isolated.lines().get(1).serviceLevel() + 0.1);
    assertThat(overflow.overall().serviceLevel()).isGreaterThan(isolated.overall().serviceLevel());
    assertThat(overflow.lines().get(3)).as("line 3 takes no part").satisfies(s ->
        assertThat(s.serviceLevel()).isCloseTo(isolated.lines().get(3).serviceLevel(), within(0.03)));
  }
}
