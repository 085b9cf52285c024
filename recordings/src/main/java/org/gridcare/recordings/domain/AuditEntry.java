package org.gridcare.recordings.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Who did what to which recording, when and why (every listen, export, archive, purge, hold is one). */
public record AuditEntry(Instant at, String actor, Action action, String recordingId, String reason,
    Map<String, Object> details) {

  public enum Action {
    LISTENED, EXPORTED, ARCHIVED, PURGED, HELD, RELEASED, PAUSED, RESUMED, LINKED;

    public String id() {
      return name().toLowerCase();
    }
  }

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(recordingId, "recordingId");
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
