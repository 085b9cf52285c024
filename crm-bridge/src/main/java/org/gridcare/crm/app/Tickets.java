package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketNote;
import org.gridcare.crm.domain.TicketTransition;

/**
 * Ticket storage (port). Every change is one transaction: the ticket row, its transition (history), the journal
 * entry and, when an external CRM listens, the outbox event.
 */
public interface Tickets {

  Future<Ticket> open(TicketDraft draft, int line, Instant now);

  Future<Optional<Ticket>> byId(long id);

  /**
   * Loads the ticket for update, applies {@code change} (pure domain) and stores the result with its transition, if
   * any; {@code ticket-changed} when the version moved under the caller ({@code expectedVersion} non-null).
   */
  Future<Ticket> change(long id, Integer expectedVersion, String actor, Function<Ticket, Change> change);

  Future<List<Ticket>> forCustomer(long customerId, boolean openOnly, int limit);

  Future<List<TicketTransition>> history(long ticketId);

  Future<TicketNote> addNote(long ticketId, String author, String body, Instant at);

  Future<List<TicketNote>> notes(long ticketId);

  Future<Void> link(long ticketId, TicketLink link);

  Future<List<TicketLink>> links(long ticketId);

  /** Open tickets whose reminder is due and not yet sent, marked as reminded in the same statement. */
  Future<List<Ticket>> takeDueReminders(Instant now, int limit);

  /** The result of a change: the new ticket and the transition when the status moved. */
  record Change(Ticket ticket, Optional<TicketTransition> transition) {
    public static Change of(Ticket t) {
      return new Change(t, Optional.empty());
    }

    public static Change of(Ticket.Transitioned t) {
      return new Change(t.ticket(), Optional.of(t.transition()));
    }
  }
}
