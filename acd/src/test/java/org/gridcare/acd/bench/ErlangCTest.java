package org.gridcare.acd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {
  @Test
  void matchesTheClosedFormOnASmallCase() {
    // A = 2, N = 3: (8/6 * 3) / (1 + 2 + 2 + 4) = 4/9
    assertThat(new ErlangC(3, 2).probabilityOfWaiting()).isCloseTo(4.0 / 9, within(1e-12));
  }

  @Test
  void serviceLevelAndSpeedOfAnswerFollowFromTheWaitProbability() {
    ErlangC c = new ErlangC(3, 2);
    assertThat(c.serviceLevel(0, 180)).isCloseTo(1 - 4.0 / 9, within(1e-12));
    assertThat(c.serviceLevel(180, 180)).isCloseTo(1 - 4.0 / 9 * Math.exp(-1), within(1e-12));
    assertThat(c.averageSpeedOfAnswer(180)).isCloseTo(4.0 / 9 * 180, within(1e-9));
  }

  @Test
  void staysFiniteForLargeCentres() {
    double p = new ErlangC(500, 480).probabilityOfWaiting();
    assertThat(p).isBetween(0.0, 1.0);
  }

  @Test
  void refusesAnOverloadedQueue() {
    assertThatThrownBy(() -> new ErlangC(10, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
