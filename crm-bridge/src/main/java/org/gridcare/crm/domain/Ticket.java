package org.gridcare.crm.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.gridcare.platform.domain.DomainException;

/**
 * A customer request. Changes go through {@link #transition} (status) and {@link #reassign}/{@link #reschedule};
 * each returns a new value, the adapter stores it with its version so concurrent edits conflict instead of losing
 * one.
 */
public record Ticket(
    long id, String number, Long customerId, TicketTopic topic, TicketStatus status, String subject,
    String description, int line, String owner, Instant dueAt, Instant remindAt, TicketSource source,
    String createdBy, Instant createdAt, Instant updatedAt, int version) {

  /** How long before the due date the owner is reminded (or half the time left when the deadline is closer). */
  public static final Duration REMINDER_LEAD = Duration.ofHours(24);

  public Ticket {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(status, "status");
  }

  public static Instant reminderFor(Instant dueAt, Instant now) {
    if (dueAt == null) {
      return null;
    }
    Duration left = Duration.between(now, dueAt);
    if (left.isNegative()) {
      return now;
    }
    return left.compareTo(REMINDER_LEAD.multipliedBy(2)) >= 0 ? dueAt.minus(REMINDER_LEAD) : now.plus(left.dividedBy(2));
  }

  /** The state machine: fails with {@code illegal-transition} when the workflow does not allow the move. */
  public Transitioned transition(TicketStatus to, String actor, String reason, Instant at) {
    if (!status.next().contains(to)) {
      throw DomainException.conflict("illegal-transition",
          "Ticket " + number + " cannot go from " + status.id() + " to " + to.id() + " (allowed: " + status.next() + ")");
    }
    // Line 3 (technical departments) takes escalations from lines 1 and 2.
    int newLine = to == TicketStatus.ESCALATED ? 3 : line;
    Ticket next = new Ticket(id, number, customerId, topic, to, subject, description, newLine,
        to == TicketStatus.ESCALATED ? null : owner, dueAt, to.open() ? remindAt : null, source, createdBy, createdAt, at,
        version + 1);
    return new Transitioned(next, new TicketTransition(id, status, to, actor, reason, line, newLine, at));
  }

  public Ticket reassign(Integer newLine, String newOwner, Instant at) {
    if (!status.open()) {
      throw DomainException.conflict("ticket-closed", "Ticket " + number + " is " + status.id());
    }
    int l = newLine == null ? line : newLine;
    if (l < 1 || l > 3) {
      throw DomainException.invalid("invalid-line", "Support lines are 1..3, got " + l);
    }
    return new Ticket(id, number, customerId, topic, status, subject, description, l, newOwner, dueAt, remindAt, source,
        createdBy, createdAt, at, version + 1);
  }

  public Ticket reschedule(Instant newDue, Instant at) {
    return new Ticket(id, number, customerId, topic, status, subject, description, line, owner, newDue,
        status.open() ? reminderFor(newDue, at) : null, source, createdBy, createdAt, at, version + 1);
  }

  public Ticket describe(String newSubject, String newDescription, Instant at) {
    TicketDraft check = new TicketDraft(customerId, topic, newSubject == null ? subject : newSubject,
        newDescription == null ? description : newDescription, line, owner, dueAt, source, null, createdBy);
    return new Ticket(id, number, customerId, topic, status, check.subject(), check.description(), line, owner, dueAt,
        remindAt, source, createdBy, createdAt, at, version + 1);
  }

  public record Transitioned(Ticket ticket, TicketTransition transition) {}
}
