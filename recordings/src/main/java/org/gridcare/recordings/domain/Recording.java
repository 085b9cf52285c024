package org.gridcare.recordings.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored conversation: one per call. {@code topic} is the call topic the IVR/ACD gave it (retention category). {@code storeKey} is the store's own relative name (never from a request);
 * {@code sha256}, {@code sizeBytes}, {@code durationMs} and {@code format} describe the file as it was stored.
 * {@code status} tells whether the file is playable ({@code STORED}), was missing or damaged when the call ended,
 * was recovered from a monitor file a crash left behind ({@code RECOVERED}), was archived (still playable, restored
 * on demand) or purged.
 */
public record Recording(
    String id, String callId, Instant startedAt, Instant endedAt, Direction direction, Integer line, String topic,
    String operator,
    String customerPhone, String customerId, String storeKey, String format, long sizeBytes, long durationMs,
    String sha256, Status status, boolean legalHold, List<Long> tickets) {

  public enum Status {
    STORED, MISSING, DAMAGED, RECOVERED, ARCHIVED, PURGED;

    public String id() {
      return name().toLowerCase();
    }

    public static Status of(String id) {
      return valueOf(id.toUpperCase());
    }
  }

  public Recording {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(status, "status");
    tickets = tickets == null ? List.of() : List.copyOf(tickets);
  }

  public Duration duration() {
    return Duration.ofMillis(durationMs);
  }

  public boolean playable() {
    return status == Status.STORED || status == Status.DAMAGED || status == Status.RECOVERED
        || status == Status.ARCHIVED;
  }
}
