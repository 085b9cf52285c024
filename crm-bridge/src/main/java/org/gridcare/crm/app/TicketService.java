package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.gridcare.config.TopicConfig;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketNote;
import org.gridcare.crm.domain.TicketStatus;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.platform.domain.DomainException;

/** Opening, editing and moving tickets through their workflow; used by operators, the IVR and the ACD. */
public final class TicketService {
  private final Tickets tickets;
  private final Customers customers;
  private final List<TopicConfig> topics;
  private final Clock clock;
  private final LinkListener links;

  /** Told when a call or a recording is linked to a ticket (the recordings module links the call's recording). */
  @FunctionalInterface
  public interface LinkListener {
    LinkListener NONE = (ticketId, link) -> { };

    void linked(long ticketId, TicketLink link);
  }

  public TicketService(Tickets tickets, Customers customers, List<TopicConfig> topics, Clock clock, LinkListener links) {
    this.tickets = tickets;
    this.customers = customers;
    this.topics = List.copyOf(topics);
    this.clock = clock;
    this.links = links;
  }

  /** The line is the draft's, else the configured call topic of the same id, else the topic's own default. */
  public Future<Ticket> open(TicketDraft draft) {
    int line = draft.line() != null ? draft.line() : lineOf(draft.topic());
    Future<Void> customerKnown = draft.customerId() == null ? Future.succeededFuture()
        : customers.byId(draft.customerId()).map(c -> {
          if (c.isEmpty()) {
            throw DomainException.notFound("no-such-customer", "No customer " + draft.customerId());
          }
          return null;
        });
    Instant now = clock.instant();
    return customerKnown.compose(v -> tickets.open(draft, line, now)).onSuccess(t -> {
      if (draft.callId() != null) {
        links.linked(t.id(), new TicketLink("call", draft.callId(), draft.createdBy(), now));
      }
    });
  }

  public Future<Ticket> get(long id) {
    return tickets.byId(id).map(o -> o.orElseThrow(() -> DomainException.notFound("no-such-ticket", "No ticket " + id)));
  }

  public Future<Ticket> transition(long id, Integer expectedVersion, String actor, TicketStatus to, String reason) {
    Instant now = clock.instant();
    return tickets.change(id, expectedVersion, actor, t -> Tickets.Change.of(t.transition(to, actor, reason, now)));
  }

  /** Edits what is given (null leaves a field as it is); {@code clearDue} removes the due date. */
  public Future<Ticket> update(long id, Integer expectedVersion, String actor, TicketEdit edit) {
    Instant now = clock.instant();
    return tickets.change(id, expectedVersion, actor, t -> {
      Ticket next = t;
      if (edit.subject() != null || edit.description() != null) {
        next = next.describe(edit.subject(), edit.description(), now);
      }
      if (edit.line() != null || edit.owner() != null) {
        next = next.reassign(edit.line(), edit.owner() != null ? edit.owner() : next.owner(), now);
      }
      if (edit.dueAt() != null || edit.clearDue()) {
        next = next.reschedule(edit.clearDue() ? null : edit.dueAt(), now);
      }
      return Tickets.Change.of(next);
    });
  }

  public Future<TicketNote> addNote(long ticketId, String author, String body) {
    if (body == null || body.isBlank() || body.length() > 10_000) {
      return Future.failedFuture(DomainException.invalid("invalid-note", "A note is 1..10000 characters"));
    }
    return get(ticketId).compose(t -> tickets.addNote(ticketId, author, body.strip(), clock.instant()));
  }

  public Future<Void> link(long ticketId, String kind, String ref, String actor) {
    TicketLink link;
    try {
      link = new TicketLink(kind, ref, actor, clock.instant());
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return get(ticketId).compose(t -> tickets.link(ticketId, link)).onSuccess(v -> links.linked(ticketId, link));
  }

  public Tickets store() {
    return tickets;
  }

  private int lineOf(TicketTopic topic) {
    return topics.stream().filter(t -> t.id().equals(topic.id())).map(TopicConfig::line).findFirst()
        .orElse(topic.defaultLine());
  }

  /** The editable fields of a ticket. */
  public record TicketEdit(String subject, String description, Integer line, String owner, Instant dueAt, boolean clearDue) {}
}
