package org.gridcare.platform.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Who did what to whose data, and why: a customer card read, a recording listened to or exported, an export, an
 * erasure, a user or role change. {@code action} is dotted ({@code recording.listened}); {@code reason} is required
 * where the configuration says so.
 */
public record AuditEntry(Instant at, String actor, String action, String subjectType, String subjectId, String reason,
    Map<String, Object> details) {

  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    details = details == null ? Map.of() : Map.copyOf(details);
  }

  public static AuditEntry of(String actor, String action, String subjectType, String subjectId) {
    return new AuditEntry(Instant.now(), actor, action, subjectType, subjectId, null, Map.of());
  }

  public AuditEntry because(String reason) {
    return new AuditEntry(at, actor, action, subjectType, subjectId, reason, details);
  }

  public AuditEntry details(Map<String, Object> details) {
    return new AuditEntry(at, actor, action, subjectType, subjectId, reason, details);
  }
}
