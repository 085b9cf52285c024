package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gridcare.crm.app.TicketLink;
import org.gridcare.crm.app.Tickets;
import org.gridcare.crm.app.Views;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketNote;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketStatus;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.crm.domain.TicketTransition;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.journal.PgJournal;

/**
 * Tickets in PostgreSQL. Each change is one transaction holding the row lock: ticket, transition row, journal entry
 * ({@code crm.ticket.transitioned}) and outbox event commit together or not at all.
 */
public final class PgTickets implements Tickets {
  private static final String COLUMNS = "id, number, customer_id, topic, status, subject, description, line, owner, "
      + "due_at, remind_at, source, created_by, created_at, updated_at, version";
  private static final String OPEN = "status NOT IN ('resolved', 'closed', 'cancelled')";

  private final Pool pool;
  private final PgOutbox outbox;

  public PgTickets(Pool pool, boolean externalEvents) {
    this.pool = pool;
    this.outbox = new PgOutbox(externalEvents);
  }

  @Override
  public Future<Ticket> open(TicketDraft d, int line, Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO crm_ticket (number, customer_id, topic, status, "
                + "subject, description, line, owner, due_at, remind_at, source, created_by, created_at, updated_at) "
                + "VALUES ('T' || lpad(nextval('crm_ticket_number')::text, 6, '0'), $1, $2, $3, $4, $5, $6, $7, $8, $9, "
                + "$10, $11, $12, $12) RETURNING " + COLUMNS)
            .execute(Tuple.from(new Object[] {d.customerId(), d.topic().id(), TicketStatus.NEW.id(), d.subject(),
                d.description(), line, d.owner(), Sql.ts(d.dueAt()), Sql.ts(Ticket.reminderFor(d.dueAt(), now)),
                d.source().id(), d.createdBy(), Sql.ts(now)}))
            .map(rows -> ticket(rows.iterator().next()))
            .compose(t -> recordTransition(tx, t, new TicketTransition(t.id(), null, TicketStatus.NEW, d.createdBy(),
                    "opened", line, line, now))
                .compose(v -> outbox.add(tx, "ticket.opened", "ticket:" + t.id(), Views.ticket(t), now))
                .compose(v -> d.callId() == null ? Future.succeededFuture()
                    : insertLink(tx, t.id(), new TicketLink("call", d.callId(), d.createdBy(), now)))
                .map(t)))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<Optional<Ticket>> byId(long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM crm_ticket WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.<Ticket>empty() : Optional.of(ticket(rows.iterator().next())))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<Ticket> change(long id, Integer expectedVersion, String actor, Function<Ticket, Change> change) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + COLUMNS + " FROM crm_ticket WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .compose(rows -> {
              if (rows.size() == 0) {
                throw DomainException.notFound("no-such-ticket", "No ticket " + id);
              }
              Ticket current = ticket(rows.iterator().next());
              if (expectedVersion != null && current.version() != expectedVersion) {
                throw new DomainException(org.gridcare.platform.domain.ErrorKind.CONFLICT, "ticket-changed",
                    "Ticket " + current.number() + " was changed by someone else; reload it",
                    Map.of("version", current.version()));
              }
              Change c = change.apply(current);
              Ticket next = c.ticket();
              return tx.preparedQuery("UPDATE crm_ticket SET status = $2, subject = $3, description = $4, line = $5, "
                      + "owner = $6, due_at = $7, reminded_at = CASE WHEN remind_at IS DISTINCT FROM $8 THEN NULL "
                      + "ELSE reminded_at END, remind_at = $8, updated_at = $9, version = $10 WHERE id = $1")
                  .execute(Tuple.from(new Object[] {id, next.status().id(), next.subject(), next.description(),
                      next.line(), next.owner(), Sql.ts(next.dueAt()), Sql.ts(next.remindAt()), Sql.ts(next.updatedAt()),
                      next.version()}))
                  .compose(v -> c.transition().isPresent()
                      ? recordTransition(tx, next, c.transition().get())
                          .compose(x -> outbox.add(tx, "ticket.transitioned", "ticket:" + id,
                              Views.ticket(next).put("transition", Views.transition(c.transition().get())), next.updatedAt()))
                      : outbox.add(tx, "ticket.changed", "ticket:" + id, Views.ticket(next), next.updatedAt()))
                  .map(next);
            }))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private Future<Void> recordTransition(SqlClient tx, Ticket t, TicketTransition tr) {
    Map<String, Object> data = new HashMap<>();
    data.put("ticket", t.number());
    data.put("topic", t.topic().id());
    data.put("to", tr.to().id());
    data.put("actor", tr.actor());
    data.put("source", t.source().id());
    if (tr.from() != null) {
      data.put("from", tr.from().id());
    }
    JournalEntry entry = JournalEntry.of("crm.ticket.transitioned").at(tr.at()).line(tr.toLine())
        .operator(t.owner()).customer(t.customerId() == null ? null : String.valueOf(t.customerId())).data(data);
    return tx.preparedQuery("INSERT INTO crm_ticket_transition (ticket_id, from_status, to_status, from_line, to_line, "
            + "actor, reason, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.from(new Object[] {tr.ticketId(), tr.from() == null ? null : tr.from().id(), tr.to().id(),
            tr.from() == null ? null : tr.fromLine(), tr.toLine(), tr.actor(), tr.reason(), Sql.ts(tr.at())}))
        .compose(v -> PgJournal.append(tx, entry));
  }

  @Override
  public Future<List<Ticket>> forCustomer(long customerId, boolean openOnly, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM crm_ticket WHERE customer_id = $1"
            + (openOnly ? " AND " + OPEN : "") + " ORDER BY created_at DESC, id DESC LIMIT $2")
        .execute(Tuple.of(customerId, limit))
        .map(PgTickets::tickets)
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<List<TicketTransition>> history(long ticketId) {
    return pool.preparedQuery("SELECT * FROM crm_ticket_transition WHERE ticket_id = $1 ORDER BY id")
        .execute(Tuple.of(ticketId))
        .map(rows -> {
          List<TicketTransition> out = new ArrayList<>();
          for (Row r : rows) {
            String from = r.getString("from_status");
            Integer fromLine = r.getInteger("from_line");
            out.add(new TicketTransition(ticketId, from == null ? null : TicketStatus.of(from),
                TicketStatus.of(r.getString("to_status")), r.getString("actor"), r.getString("reason"),
                fromLine == null ? r.getInteger("to_line") : fromLine, r.getInteger("to_line"), Sql.instant(r, "at")));
          }
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<TicketNote> addNote(long ticketId, String author, String body, Instant at) {
    return pool.withTransaction(tx -> tx.preparedQuery(
                "INSERT INTO crm_ticket_note (ticket_id, author, body, at) VALUES ($1, $2, $3, $4) RETURNING id")
            .execute(Tuple.of(ticketId, author, body, Sql.ts(at)))
            .map(rows -> new TicketNote(rows.iterator().next().getLong(0), ticketId, author, body, at))
            .compose(n -> outbox.add(tx, "ticket.note-added", "ticket:" + ticketId, Views.note(n), at).map(n)))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<List<TicketNote>> notes(long ticketId) {
    return pool.preparedQuery("SELECT id, author, body, at FROM crm_ticket_note WHERE ticket_id = $1 ORDER BY id")
        .execute(Tuple.of(ticketId))
        .map(rows -> {
          List<TicketNote> out = new ArrayList<>();
          rows.forEach(r -> out.add(new TicketNote(r.getLong("id"), ticketId, r.getString("author"), r.getString("body"),
              Sql.instant(r, "at"))));
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<Void> link(long ticketId, TicketLink link) {
    return pool.withTransaction(tx -> insertLink(tx, ticketId, link)
            .compose(v -> outbox.add(tx, "ticket.linked", "ticket:" + ticketId, Views.link(link), link.linkedAt())))
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private static Future<Void> insertLink(SqlClient tx, long ticketId, TicketLink link) {
    return tx.preparedQuery("INSERT INTO crm_ticket_link (ticket_id, kind, ref, linked_by, linked_at) "
            + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(ticketId, link.kind(), link.ref(), link.linkedBy(), Sql.ts(link.linkedAt())))
        .mapEmpty();
  }

  @Override
  public Future<List<TicketLink>> links(long ticketId) {
    return pool.preparedQuery("SELECT kind, ref, linked_by, linked_at FROM crm_ticket_link WHERE ticket_id = $1 "
            + "ORDER BY linked_at, ref")
        .execute(Tuple.of(ticketId))
        .map(rows -> {
          List<TicketLink> out = new ArrayList<>();
          rows.forEach(r -> out.add(new TicketLink(r.getString("kind"), r.getString("ref"), r.getString("linked_by"),
              Sql.instant(r, "linked_at"))));
          return out;
        })
        .recover(e -> Sql.translate(e, Map.of()));
  }

  @Override
  public Future<List<Ticket>> takeDueReminders(Instant now, int limit) {
    return pool.preparedQuery("UPDATE crm_ticket SET reminded_at = $1 WHERE id IN (SELECT id FROM crm_ticket "
            + "WHERE remind_at <= $1 AND reminded_at IS NULL AND " + OPEN
            + " ORDER BY remind_at LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
        .execute(Tuple.of(Sql.ts(now), limit))
        .map(PgTickets::tickets)
        .recover(e -> Sql.translate(e, Map.of()));
  }

  private static List<Ticket> tickets(io.vertx.sqlclient.RowSet<Row> rows) {
    List<Ticket> out = new ArrayList<>();
    rows.forEach(r -> out.add(ticket(r)));
    return out;
  }

  static Ticket ticket(Row r) {
    return new Ticket(r.getLong("id"), r.getString("number"), r.getLong("customer_id"), TicketTopic.of(r.getString("topic")),
        TicketStatus.of(r.getString("status")), r.getString("subject"), r.getString("description"), r.getInteger("line"),
        r.getString("owner"), Sql.instant(r, "due_at"), Sql.instant(r, "remind_at"), TicketSource.of(r.getString("source")),
        r.getString("created_by"), Sql.instant(r, "created_at"), Sql.instant(r, "updated_at"), r.getInteger("version"));
  }

}
