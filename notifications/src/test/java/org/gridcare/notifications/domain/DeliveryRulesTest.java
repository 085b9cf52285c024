package org.gridcare.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryRulesTest {

  @ParameterizedTest
  @CsvSource({
      "SENT, delivered, DELIVERED",
      "SENT, undelivered, UNDELIVERED",
      "SENT, failed, FAILED",
      "SENDING, sent, SENT",
      "SENDING, delivered, DELIVERED",
      "DELIVERED, sent, DELIVERED",
      "DELIVERED, undelivered, DELIVERED",
      "SENT, weird, SENT",
      "OPTED_OUT, delivered, OPTED_OUT"})
  void providerStatusesNeverMoveBackwards(DeliveryState from, String status, DeliveryState expected) {
    assertThat(from.onProviderStatus(status)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "429, , RETRY, http-429",
      "503, 20503, RETRY, 20503",
      "0, , RETRY, transport",
      "400, 21610, OPTED_OUT, 21610",
      "400, 21211, PERMANENT, 21211",
      "422, , PERMANENT, http-422"})
  void providerErrorsAreClassified(int status, Integer code, ProviderError.Verdict verdict, String reason) {
    ProviderError e = new ProviderError(status, code, "x");
    assertThat(e.verdict()).isEqualTo(verdict);
    assertThat(e.reason()).isEqualTo(reason);
  }

  @Test
  void backoffDoublesUpToItsCapAndEnds() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 4);
    assertThat(b.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(b.delayAfter(9)).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.exhausted(3)).isFalse();
    assertThat(b.exhausted(4)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"STOP, OPT_OUT", " stop , OPT_OUT", "Unsubscribe, OPT_OUT", "стоп, OPT_OUT", "START, OPT_IN",
      "unstop, OPT_IN", "please stop sending, OTHER", "'', OTHER"})
  void inboundKeywords(String body, InboundCommand expected) {
    assertThat(InboundCommand.parse(body)).isEqualTo(expected);
  }

  @Test
  void voiceRetriesUnreachedCallsAndLeavesRoomForInbound() {
    VoicePolicy p = new VoicePolicy(30, 20, 3, Duration.ofMinutes(10));
    assertThat(p.retry(CallOutcome.BUSY, 1)).isTrue();
    assertThat(p.retry(CallOutcome.NO_ANSWER, 3)).isFalse();
    assertThat(p.retry(CallOutcome.ANSWERED, 1)).isFalse();
    assertThat(p.retry(CallOutcome.MACHINE, 1)).isFalse();
    assertThat(p.retry(CallOutcome.HUNG_UP_BEFORE_MESSAGE, 1)).as("picked up and hung up: one more call").isTrue();
    assertThat(p.retry(CallOutcome.HUNG_UP_BEFORE_MESSAGE, 2)).isFalse();
    assertThat(new VoicePolicy(30, 20, 1, Duration.ofMinutes(10)).retry(CallOutcome.HUNG_UP_BEFORE_MESSAGE, 1)).isFalse();
    assertThat(p.freeSlots(0, 0)).isEqualTo(10);
    assertThat(p.freeSlots(7, 3)).isEqualTo(3);
    assertThat(p.freeSlots(0, 26)).isEqualTo(4);
    assertThat(p.freeSlots(10, 0)).isZero();
    assertThat(p.freeSlots(2, 30)).isZero();
  }
}
