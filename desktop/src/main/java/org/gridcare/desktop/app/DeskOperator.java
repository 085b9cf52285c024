package org.gridcare.desktop.app;

import java.time.Instant;
import java.util.List;

/**
 * An operator as the ACD sees them now. {@code state}: logged-out, ready, reserved (a call rings), on-call, wrap-up,
 * not-ready; {@code callId} is the call offered or in conversation.
 */
public record DeskOperator(
    String id, String name, String state, String presence, String reason, String endpoint, String callId,
    Instant since, Instant wrapUpUntil, List<Integer> lines) {

  public DeskOperator {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  public boolean onCall() {
    return "on-call".equals(state) && callId != null;
  }
}
