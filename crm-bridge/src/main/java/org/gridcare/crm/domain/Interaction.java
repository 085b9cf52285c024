package org.gridcare.crm.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call as the customer's history shows it: direction, the IVR path taken, the queue (line), the operator, its
 * times and how it ended. {@code phone} is E.164 (personal data: its own column so erasure can blank it).
 */
public record Interaction(
    String callId, Long customerId, String phone, Direction direction, List<String> ivrPath, Integer line,
    String operator, Instant startedAt, Instant answeredAt, Instant endedAt, Outcome outcome) {

  public Interaction {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(startedAt, "startedAt");
    ivrPath = ivrPath == null ? List.of() : List.copyOf(ivrPath);
  }

  public enum Direction {
    INBOUND, OUTBOUND;

    public String id() {
      return name().toLowerCase();
    }
  }

  /** How the call ended; {@code IN_PROGRESS} until it has. */
  public enum Outcome {
    IN_PROGRESS, ANSWERED, SELF_SERVICE, VOICEMAIL, ABANDONED, CALLBACK_REQUESTED, NO_ANSWER, FAILED;

    public String id() {
      return name().toLowerCase().replace('_', '-');
    }

    public static Outcome of(String id) {
      return valueOf(id.toUpperCase().replace('-', '_'));
    }
  }

  public Duration talkTime() {
    return answeredAt == null || endedAt == null ? Duration.ZERO : Duration.between(answeredAt, endedAt);
  }
}
