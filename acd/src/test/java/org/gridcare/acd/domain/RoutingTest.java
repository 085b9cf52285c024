package org.gridcare.acd.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.acd.domain.Fixtures.NOW;
import static org.gridcare.acd.domain.Fixtures.RULES;
import static org.gridcare.acd.domain.Fixtures.call;
import static org.gridcare.acd.domain.Fixtures.operator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {
  private final Routing routing = new Routing(RULES);

  private static Map<String, String> pairs(List<Assignment> as) {
    return as.stream().collect(Collectors.toMap(a -> a.call().callId(), a -> a.operator().id()));
  }

  private List<String> order(WaitingCall... calls) {
    return routing.ordered(List.of(calls), NOW).stream().map(WaitingCall::callId).toList();
  }

  @Test
  void longestIdleOperatorGetsTheCall() {
    var as = routing.assign(List.of(call("c1").build()), List.of(
        operator("recent").idleSeconds(5).build(),
        operator("longest").idleSeconds(300).build(),
        operator("middle").idleSeconds(60).build()), NOW);
    assertThat(pairs(as)).containsExactly(Map.entry("c1", "longest"));
  }

  @Test
  void onlyReadyIdleOperatorsAreOffered() {
    var ops = List.of(
        operator("break").state(OperatorState.NOT_READY).idleSeconds(900).build(),
        operator("ringing").state(OperatorState.RESERVED).idleSeconds(800).build(),
        operator("talking").state(OperatorState.ON_CALL).idleSeconds(700).build(),
        operator("wrapping").state(OperatorState.WRAP_UP).idleSeconds(600).build(),
        operator("out").state(OperatorState.LOGGED_OUT).idleSeconds(500).build(),
        operator("ready").idleSeconds(1).build());
    assertThat(pairs(routing.assign(List.of(call("c1").build()), ops, NOW))).containsExactly(Map.entry("c1", "ready"));
  }

  @Test
  void operatorWithoutTheSkillNeverGetsTheCall() {
    var as = routing.assign(List.of(call("c1").skill("contacts").waitedSeconds(3600).build()),
        List.of(operator("o").skill("outage", 5).build()), NOW);
    assertThat(as).isEmpty();
  }

  @Test
  void operatorsOfAnotherLineDoNotTakeItsCalls() {
    var as = routing.assign(List.of(call("c2").line(2).skill("metering").build()),
        List.of(operator("l1").lines(1).skill("metering", 5).build()), NOW);
    assertThat(as).isEmpty();
  }

  @Test
  void eachOperatorAndEachCallIsAssignedAtMostOnce() {
    var calls = List.of(call("a").waitedSeconds(30).build(), call("b").waitedSeconds(20).build(),
        call("c").waitedSeconds(10).build());
    var ops = List.of(operator("x").idleSeconds(100).build(), operator("y").idleSeconds(50).build());
    assertThat(pairs(routing.assign(calls, ops, NOW))).containsOnly(Map.entry("a", "x"), Map.entry("b", "y"));
  }

  @Test
  void higherPriorityIsServedFirstThenTheLongestWait() {
    assertThat(order(
        call("old-low").priority(0).waitedSeconds(50).build(),
        call("new-high").priority(10).waitedSeconds(1).build(),
        call("older-low").priority(0).waitedSeconds(55).build()))
        .containsExactly("new-high", "older-low", "old-low");
  }

  @Test
  void priorityAgingLetsALongWaitingLowPriorityCallOvertake() {
    // one point per 60 s: 0 + 11 beats 10 + 0
    assertThat(routing.effectivePriority(call("x").priority(0).waitedSeconds(11 * 60).build(), NOW)).isEqualTo(11);
    assertThat(order(
        call("fresh-outage").priority(10).waitedSeconds(5).build(),
        call("aged-contacts").priority(0).waitedSeconds(11 * 60).build()))
        .containsExactly("aged-contacts", "fresh-outage");
    assertThat(order(
        call("fresh-outage").priority(10).waitedSeconds(5).build(),
        call("aged-contacts").priority(0).waitedSeconds(9 * 60).build()))
        .containsExactly("fresh-outage", "aged-contacts");
  }

  @Test
  void hazardCallsGoFirstOnLineOneWhateverTheirWaitOrPriority() {
    assertThat(order(
        call("aged").priority(50).waitedSeconds(3600).build(),
        call("hazard").priority(0).hazard().waitedSeconds(1).build()))
        .containsExactly("hazard", "aged");
    var as = routing.assign(List.of(call("aged").priority(50).waitedSeconds(3600).build(),
        call("hazard").hazard().waitedSeconds(1).build()), List.of(operator("only").build()), NOW);
    assertThat(pairs(as)).containsExactly(Map.entry("hazard", "only"));
  }

  @Test
  void crmPriorityBoostMovesALargeConsumerAhead() {
    assertThat(order(
        call("household").priority(10).waitedSeconds(40).build(),
        call("large-consumer").priority(10).boost(5).waitedSeconds(2).build()))
        .containsExactly("large-consumer", "household");
  }

  @ParameterizedTest
  @CsvSource({"0,3", "29,3", "30,1", "600,1"})
  void proficiencyWidensWithTheWait(long waitedSeconds, int minLevel) {
    assertThat(RULES.minLevel(Duration.ofSeconds(waitedSeconds))).isEqualTo(minLevel);
  }

  @Test
  void aLearnerGetsTheCallOnlyAfterTheWideningStep() {
    var learner = operator("learner").skill("outage", 2).build();
    assertThat(routing.assign(List.of(call("c").waitedSeconds(29).build()), List.of(learner), NOW)).isEmpty();
    assertThat(pairs(routing.assign(List.of(call("c").waitedSeconds(30).build()), List.of(learner), NOW)))
        .containsExactly(Map.entry("c", "learner"));
  }

  @Test
  void theExpertWinsOverALongerIdleLearnerWhileTheCallIsFresh() {
    var ops = List.of(operator("learner").skill("outage", 1).idleSeconds(900).build(),
        operator("expert").skill("outage", 4).idleSeconds(5).build());
    assertThat(pairs(routing.assign(List.of(call("c").build()), ops, NOW))).containsExactly(Map.entry("c", "expert"));
  }

  @Test
  void lineOneCallOverflowsToLineTwoSkillHoldersAfterTheThreshold() {
    var line2 = operator("l2").lines(2).skill("outage", 2).build();
    assertThat(routing.assign(List.of(call("c").waitedSeconds(89).build()), List.of(line2), NOW)).isEmpty();
    var as = routing.assign(List.of(call("c").waitedSeconds(90).build()), List.of(line2), NOW);
    assertThat(pairs(as)).containsExactly(Map.entry("c", "l2"));
    assertThat(as.get(0).overflow()).isTrue();
  }

  @Test
  void overflowNeedsTheLineOneSkill() {
    var line2 = operator("l2").lines(2).skill("metering", 5).build();
    assertThat(routing.assign(List.of(call("c").waitedSeconds(600).build()), List.of(line2), NOW)).isEmpty();
  }

  @Test
  void lineTwoCallsDoNotOverflowToLineOne() {
    var line1 = operator("l1").lines(1).skill("metering", 5).build();
    assertThat(routing.assign(List.of(call("c").line(2).skill("metering").waitedSeconds(3600).build()),
        List.of(line1), NOW)).isEmpty();
  }

  @Test
  void lineTwoServesItsOwnQueueBeforeHelpingLineOne() {
    var line2 = operator("l2").lines(2).skill("outage", 3).skill("metering", 3).build();
    var overflowing = call("outage").priority(10).waitedSeconds(600).build();
    var own = call("meter").line(2).skill("metering").waitedSeconds(5).build();
    assertThat(pairs(routing.assign(List.of(overflowing, own), List.of(line2), NOW)))
        .containsExactly(Map.entry("meter", "l2"));
  }

  @Test
  void aHomeOperatorIsPreferredToAnOverflowOperatorForLineOne() {
    var ops = List.of(operator("l2").lines(2).skill("outage", 5).idleSeconds(900).build(),
        operator("l1").lines(1).skill("outage", 5).idleSeconds(1).build());
    var as = routing.assign(List.of(call("c").waitedSeconds(600).build()), ops, NOW);
    assertThat(pairs(as)).containsExactly(Map.entry("c", "l1"));
    assertThat(as.get(0).overflow()).isFalse();
  }

  @Test
  void positionCountsOnlyCallsOfTheSameLineAhead() {
    var mine = call("mine").waitedSeconds(10).build();
    var calls = List.of(mine, call("ahead").waitedSeconds(20).build(), call("behind").waitedSeconds(5).build(),
        call("other-line").line(2).skill("metering").waitedSeconds(100).build());
    assertThat(routing.position(mine, calls, NOW)).isEqualTo(1);
  }

  @Test
  void estimatedWaitFollowsTheMultiServerQueueFormula() {
    Duration aht = Duration.ofSeconds(180);
    assertThat(Routing.estimatedWait(0, 2, 1, aht)).contains(Duration.ZERO);
    assertThat(Routing.estimatedWait(3, 2, 0, aht)).contains(Duration.ofSeconds(360));
    assertThat(Routing.estimatedWait(0, 3, 0, aht)).contains(Duration.ofSeconds(60));
    assertThat(Routing.estimatedWait(5, 0, 0, aht)).isEmpty();
  }

  @Test
  void estimatedWaitCountsOperatorsWorkingTheLineAndSkill() {
    var mine = call("mine").waitedSeconds(10).build();
    var calls = List.of(mine, call("ahead").waitedSeconds(20).build());
    var ops = List.of(operator("busy1").state(OperatorState.ON_CALL).build(),
        operator("busy2").state(OperatorState.WRAP_UP).build(),
        operator("break").state(OperatorState.NOT_READY).build(),
        operator("other-line").lines(2).state(OperatorState.ON_CALL).build());
    // two staffed, none free, one ahead: (1 + 1) * 120 s / 2
    assertThat(routing.estimatedWait(mine, calls, ops, Duration.ofSeconds(120), NOW)).contains(Duration.ofSeconds(120));
  }
}
