package org.gridcare.acd.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandleTimeTest {
  @Test
  void startsAtTheInitialGuessAndBecomesThePlainMeanOfObservations() {
    assertThat(HandleTime.initial().mean()).isEqualTo(HandleTime.INITIAL);
    HandleTime h = HandleTime.initial().add(Duration.ofSeconds(100)).add(Duration.ofSeconds(200)).add(Duration.ofSeconds(300));
    assertThat(h.mean()).isEqualTo(Duration.ofSeconds(200));
    assertThat(h.samples()).isEqualTo(3);
  }

  @Test
  void followsAChangeInHandlingTimeAfterManyCalls() {
    HandleTime h = HandleTime.initial();
    for (int i = 0; i < 20; i++) {
      h = h.add(Duration.ofSeconds(100));
    }
    for (int i = 0; i < 200; i++) {
      h = h.add(Duration.ofSeconds(400));
    }
    assertThat(h.mean().toSeconds()).isBetween(395L, 400L);
  }
}
