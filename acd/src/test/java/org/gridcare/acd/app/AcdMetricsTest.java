package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.gridcare.acd.domain.OperatorState;
import org.junit.jupiter.api.Test;

class AcdMetricsTest {

  @Test
  void occupancyIsBusyOverLoggedInAndIgnoresLoggedOutStaff() {
    Map<OperatorState, AtomicLong> byState = new EnumMap<>(OperatorState.class);
    for (OperatorState s : OperatorState.values()) {
      byState.put(s, new AtomicLong());
    }
    assertThat(AcdMetrics.occupancy(byState)).isZero();
    byState.get(OperatorState.LOGGED_OUT).set(10);
    byState.get(OperatorState.READY).set(1);
    byState.get(OperatorState.NOT_READY).set(1);
    byState.get(OperatorState.ON_CALL).set(4);
    byState.get(OperatorState.WRAP_UP).set(1);
    byState.get(OperatorState.RESERVED).set(1);
    assertThat(AcdMetrics.occupancy(byState)).isEqualTo(6.0 / 8.0);
  }
}
