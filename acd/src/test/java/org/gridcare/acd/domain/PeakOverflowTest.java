package org.gridcare.acd.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.acd.domain.Fixtures.call;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeakOverflowTest {
  private static final OverflowDestination NORTH = new OverflowDestination("North", "+4722000111", List.of(1));
  private static final OverflowDestination ANY = new OverflowDestination("Any", "+4722000222", List.of());
  private final PeakOverflow peak = new PeakOverflow(Duration.ofMinutes(5), List.of(NORTH, ANY));
  private final WaitingCall line1 = call("c").build();

  @Test
  void overflowsWhenEveryoneIsBusyAndTheEstimatedWaitExceedsTheThreshold() {
    assertThat(peak.decide(line1, false, Optional.of(Duration.ofMinutes(6)), false)).contains(NORTH);
  }

  @Test
  void staysWhenTheEstimatedWaitIsWithinTheThreshold() {
    assertThat(peak.decide(line1, false, Optional.of(Duration.ofMinutes(5)), false)).isEmpty();
  }

  @Test
  void emergencyModeOverflowsWhateverTheEstimate() {
    assertThat(peak.decide(line1, false, Optional.of(Duration.ofSeconds(10)), true)).contains(NORTH);
  }

  @Test
  void neverOverflowsWhileAnEligibleOperatorIsFree() {
    assertThat(peak.decide(line1, true, Optional.of(Duration.ofHours(1)), true)).isEmpty();
  }

  @Test
  void anUnstaffedLineOverflows() {
    assertThat(peak.decide(line1, false, Optional.empty(), false)).contains(NORTH);
  }

  @Test
  void destinationsAreChosenByLine() {
    var line2 = call("m").line(2).skill("metering").build();
    assertThat(peak.decide(line2, false, Optional.empty(), false)).contains(ANY);
    var only1 = new PeakOverflow(Duration.ofMinutes(5), List.of(NORTH));
    assertThat(only1.decide(line2, false, Optional.empty(), true)).isEmpty();
  }

  @Test
  void callbacksWaitForTheirTurnHere() {
    assertThat(peak.decide(call("cb").callback().build(), false, Optional.empty(), true)).isEmpty();
  }
}
