package org.gridcare.crm.domain;

import java.time.Instant;
import java.util.Objects;
import org.gridcare.platform.domain.DomainException;

/**
 * A ticket to open. {@code customerId} may be null (unknown caller, e.g. a hazard report), {@code line} null means
 * the topic's line, {@code callId} links the call it came from.
 */
public record TicketDraft(
    Long customerId, TicketTopic topic, String subject, String description, Integer line, String owner,
    Instant dueAt, TicketSource source, String callId, String createdBy) {

  public TicketDraft {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(source, "source");
    if (subject == null || subject.isBlank() || subject.length() > 200) {
      throw DomainException.invalid("invalid-subject", "A ticket needs a subject of 1..200 characters");
    }
    if (description != null && description.length() > 10_000) {
      throw DomainException.invalid("invalid-description", "A description is at most 10000 characters");
    }
    if (line != null && (line < 1 || line > 3)) {
      throw DomainException.invalid("invalid-line", "Support lines are 1..3, got " + line);
    }
    Objects.requireNonNull(createdBy, "createdBy");
  }
}
