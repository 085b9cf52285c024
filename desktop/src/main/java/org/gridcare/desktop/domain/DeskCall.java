package org.gridcare.desktop.domain;

import java.time.Instant;

/**
 * One call in an operator's history: offered to them (inbound) or dialled by them (outbound). {@code phone} is
 * E.164 (personal data, never logged unmasked). Outcomes: {@code offered}, {@code talking}, {@code answered} (talked
 * and ended), {@code missed} (inbound offered, not answered), {@code unanswered} (outbound, nobody answered),
 * {@code failed}.
 */
public record DeskCall(
    long id, String callId, String operatorId, Direction direction, String phone, Long customerId, Integer line,
    String topic, Instant startedAt, Instant answeredAt, Instant endedAt, String outcome) {

  public enum Direction {
    INBOUND, OUTBOUND;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
