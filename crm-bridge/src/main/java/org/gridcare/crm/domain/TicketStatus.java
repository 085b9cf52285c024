package org.gridcare.crm.domain;

import java.util.EnumSet;
import java.util.Set;
import org.gridcare.platform.domain.DomainException;

/**
 * The ticket workflow. {@code NEW} until someone takes it, {@code IN_PROGRESS} while worked on, {@code WAITING}
 * for the customer or another department, {@code ESCALATED} to a higher line, {@code RESOLVED} (can be reopened),
 * {@code CLOSED} and {@code CANCELLED} are final.
 */
public enum TicketStatus {
  NEW,
  IN_PROGRESS,
  WAITING,
  ESCALATED,
  RESOLVED,
  CLOSED,
  CANCELLED;

  public String id() {
    return name().toLowerCase().replace('_', '-');
  }

  public static TicketStatus of(String id) {
    for (TicketStatus s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw DomainException.invalid("unknown-status", "Unknown ticket status " + id);
  }

  /** Where a ticket in this status may go next. */
  public Set<TicketStatus> next() {
    switch (this) {
      case NEW: return EnumSet.of(IN_PROGRESS, ESCALATED, RESOLVED, CANCELLED);
      case IN_PROGRESS: return EnumSet.of(WAITING, ESCALATED, RESOLVED, CANCELLED);
      case WAITING: return EnumSet.of(IN_PROGRESS, RESOLVED, CANCELLED);
      case ESCALATED: return EnumSet.of(IN_PROGRESS, RESOLVED, CANCELLED);
      case RESOLVED: return EnumSet.of(CLOSED, IN_PROGRESS);
      default: return EnumSet.noneOf(TicketStatus.class);
    }
  }

  /** Open tickets appear on the customer card and get reminders. */
  public boolean open() {
    return this != RESOLVED && this != CLOSED && this != CANCELLED;
  }
}
