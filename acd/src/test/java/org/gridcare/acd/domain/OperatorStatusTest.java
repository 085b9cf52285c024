package org.gridcare.acd.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

class OperatorStatusTest {
  private static final Instant T0 = Instant.parse("2026-01-15T08:00:00Z");

  private static OperatorStatus ready() {
    return OperatorStatus.loggedOut("op1", T0).login("PJSIP/op1", T0).ready(T0.plusSeconds(5));
  }

  @Test
  void loginStartsNotReadyOnTheGivenEndpoint() {
    OperatorStatus s = OperatorStatus.loggedOut("op1", T0).login("PJSIP/op1", T0.plusSeconds(1));
    assertThat(s.state()).isEqualTo(OperatorState.NOT_READY);
    assertThat(s.reason()).isEqualTo(NotReadyReason.LOGGED_IN);
    assertThat(s.endpoint()).isEqualTo("PJSIP/op1");
    assertThat(s.since()).isEqualTo(T0.plusSeconds(1));
    assertThat(s.available()).isFalse();
  }

  @Test
  void readyMakesTheOperatorAvailableFromThatMoment() {
    OperatorStatus s = ready();
    assertThat(s.state()).isEqualTo(OperatorState.READY);
    assertThat(s.available()).isTrue();
    assertThat(s.idleSince()).isEqualTo(T0.plusSeconds(5));
    assertThat(s.reason()).isNull();
  }

  @Test
  void aCallGoesReservedOnCallThenWrapUpForTheLineTimeThenReady() {
    OperatorStatus reserved = ready().reserve("call-1", T0.plusSeconds(10));
    assertThat(reserved.state()).isEqualTo(OperatorState.RESERVED);
    assertThat(reserved.callId()).isEqualTo("call-1");

    OperatorStatus talking = reserved.answer(T0.plusSeconds(14));
    assertThat(talking.state()).isEqualTo(OperatorState.ON_CALL);
    assertThat(talking.since()).isEqualTo(T0.plusSeconds(14));

    OperatorStatus wrapping = talking.hangUp(Duration.ofSeconds(30), T0.plusSeconds(100));
    assertThat(wrapping.state()).isEqualTo(OperatorState.WRAP_UP);
    assertThat(wrapping.wrapUpUntil()).isEqualTo(T0.plusSeconds(130));
    assertThat(wrapping.wrapUpOver(T0.plusSeconds(129))).isFalse();
    assertThat(wrapping.wrapUpOver(T0.plusSeconds(130))).isTrue();

    OperatorStatus back = wrapping.endWrapUp(T0.plusSeconds(130));
    assertThat(back.state()).isEqualTo(OperatorState.READY);
    assertThat(back.idleSince()).isEqualTo(T0.plusSeconds(130));
    assertThat(back.callId()).isNull();
  }

  @Test
  void zeroWrapUpReturnsStraightToReady() {
    OperatorStatus s = ready().reserve("c", T0.plusSeconds(10)).answer(T0.plusSeconds(11))
        .hangUp(Duration.ZERO, T0.plusSeconds(50));
    assertThat(s.state()).isEqualTo(OperatorState.READY);
    assertThat(s.idleSince()).isEqualTo(T0.plusSeconds(50));
  }

  @Test
  void notReadyChosenDuringACallKeepsTheCallAndTakesEffectAfterWrapUp() {
    OperatorStatus onCall = ready().reserve("c", T0.plusSeconds(10)).answer(T0.plusSeconds(11));
    OperatorStatus chosen = onCall.notReady("break", T0.plusSeconds(20));
    assertThat(chosen.state()).isEqualTo(OperatorState.ON_CALL);
    assertThat(chosen.presence()).isEqualTo(Presence.NOT_READY);
    assertThat(chosen.since()).isEqualTo(T0.plusSeconds(11));

    OperatorStatus after = chosen.hangUp(Duration.ofSeconds(30), T0.plusSeconds(60)).endWrapUp(T0.plusSeconds(90));
    assertThat(after.state()).isEqualTo(OperatorState.NOT_READY);
    assertThat(after.reason()).isEqualTo("break");
  }

  @Test
  void ringNoAnswerSetsNotReadyWithReasonNoAnswer() {
    OperatorStatus s = ready().reserve("c", T0.plusSeconds(10)).noAnswer(T0.plusSeconds(25));
    assertThat(s.state()).isEqualTo(OperatorState.NOT_READY);
    assertThat(s.reason()).isEqualTo(NotReadyReason.NO_ANSWER);
    assertThat(s.callId()).isNull();
  }

  @Test
  void aWithdrawnOfferKeepsTheOperatorsPlaceInTheIdleOrder() {
    OperatorStatus s = ready().reserve("c", T0.plusSeconds(10)).withdrawOffer(T0.plusSeconds(12));
    assertThat(s.state()).isEqualTo(OperatorState.READY);
    assertThat(s.idleSince()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void onlyAReadyIdleOperatorCanBeReserved() {
    OperatorStatus notReady = ready().notReady("lunch", T0.plusSeconds(6));
    assertThatThrownBy(() -> notReady.reserve("c", T0.plusSeconds(7)))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("operator-not-ready"));
    OperatorStatus reserved = ready().reserve("c", T0.plusSeconds(7));
    assertThatThrownBy(() -> reserved.reserve("d", T0.plusSeconds(8)))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("operator-not-ready"));
  }

  @Test
  void logoutIsRefusedDuringACallButAllowedInWrapUp() {
    OperatorStatus onCall = ready().reserve("c", T0.plusSeconds(10)).answer(T0.plusSeconds(11));
    assertThatThrownBy(() -> onCall.logout(T0.plusSeconds(12)))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("operator-busy"));
    OperatorStatus out = onCall.hangUp(Duration.ofSeconds(30), T0.plusSeconds(20)).logout(T0.plusSeconds(21));
    assertThat(out.state()).isEqualTo(OperatorState.LOGGED_OUT);
    assertThat(out.endpoint()).isNull();
  }

  @Test
  void aLoggedOutOperatorCannotGoReadyOrLogInTwice() {
    OperatorStatus out = OperatorStatus.loggedOut("op1", T0);
    assertThatThrownBy(() -> out.ready(T0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("operator-logged-out"));
    assertThatThrownBy(() -> ready().login("PJSIP/x", T0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("operator-logged-in"));
    assertThatThrownBy(() -> out.login(" ", T0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("missing-endpoint"));
  }

  @Test
  void answerAndHangUpNeedTheRightActivity() {
    assertThatThrownBy(() -> ready().answer(T0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("operator-not-reserved"));
    assertThatThrownBy(() -> ready().hangUp(Duration.ZERO, T0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("operator-not-on-call"));
  }

  @Test
  void onlyKnownReasonsMayBeChosen() {
    assertThat(NotReadyReason.chosen("training")).isEqualTo("training");
    assertThatThrownBy(() -> NotReadyReason.chosen("napping"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("unknown-not-ready-reason"));
    assertThatThrownBy(() -> NotReadyReason.chosen(NotReadyReason.NO_ANSWER)).isInstanceOf(DomainException.class);
  }

  @Test
  void stateChangesAreReportedWithReasonAndCall() {
    OperatorStatus r = ready();
    assertThat(StateChange.between(r, r.ready(T0.plusSeconds(9)))).isEmpty();

    OperatorStatus reserved = r.reserve("call-7", T0.plusSeconds(10));
    assertThat(StateChange.between(r, reserved)).contains(
        new StateChange("op1", OperatorState.READY, OperatorState.RESERVED, null, "call-7", T0.plusSeconds(10)));

    OperatorStatus brk = r.notReady("break", T0.plusSeconds(11));
    OperatorStatus training = brk.notReady("training", T0.plusSeconds(12));
    assertThat(StateChange.between(brk, training)).contains(
        new StateChange("op1", OperatorState.NOT_READY, OperatorState.NOT_READY, "training", null, T0.plusSeconds(12)));
  }

  @Test
  void stateNamesAreTheApiIds() {
    assertThat(OperatorState.ON_CALL.id()).isEqualTo("on-call");
    assertThat(OperatorState.LOGGED_OUT.id()).isEqualTo("logged-out");
    assertThat(OperatorState.of(Presence.NOT_READY, Activity.WRAP_UP)).isEqualTo(OperatorState.WRAP_UP);
    assertThat(OperatorState.of(Presence.LOGGED_OUT, Activity.IDLE)).isEqualTo(OperatorState.LOGGED_OUT);
  }
}
