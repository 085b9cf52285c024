package org.gridcare.crm.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.crm.Await.fails;
import static org.gridcare.crm.Await.ok;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridcare.crm.CrmTestBed;
import org.gridcare.crm.app.SampleCustomers;
import org.gridcare.crm.app.TicketService.TicketEdit;
import org.gridcare.crm.domain.ApplicationStage;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.GridConnectionApplication;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeterReading;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.crm.domain.TicketDraft;
import org.gridcare.crm.domain.TicketSource;
import org.gridcare.crm.domain.TicketStatus;
import org.gridcare.crm.domain.TicketTopic;
import org.gridcare.crm.domain.TicketTransition;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RealServers
class PgTicketsTest {
  static CrmTestBed bed;
  static Customer customer;

  @BeforeAll
  static void load(Vertx vertx, StorageSettings settings) throws Exception {
    bed = CrmTestBed.start(vertx, settings, false);
    ok(PgSampleData.loadIfEmpty(bed.storage.pool(), bed.vault, 12, 5));
    customer = ok(bed.customers.byNumber("C100002")).orElseThrow();
  }

  @AfterAll
  static void close() throws Exception {
    bed.close();
  }

  static TicketDraft draft(TicketTopic topic, Integer line, Instant due) {
    return new TicketDraft(customer.id(), topic, "No power since 07:00", "Whole street dark", line, "op1001", due,
        TicketSource.OPERATOR, "call-1", "op1001");
  }

  @Test
  void aTicketKeepsItsWholeHistoryAndEveryTransitionIsJournalled() throws Exception {
    Ticket t = ok(bed.ticketService.open(draft(TicketTopic.OUTAGE, null, null)));
    assertThat(t.number()).matches("T\\d{6}");
    assertThat(t.status()).isEqualTo(TicketStatus.NEW);
    assertThat(t.line()).isEqualTo(1);
    Ticket working = ok(bed.ticketService.transition(t.id(), t.version(), "op1001", TicketStatus.IN_PROGRESS, null));
    Ticket escalated = ok(bed.ticketService.transition(t.id(), working.version(), "op1001", TicketStatus.ESCALATED,
        "transformer damage"));
    assertThat(escalated.line()).isEqualTo(3);

    List<TicketTransition> history = ok(bed.tickets.history(t.id()));
    assertThat(history).extracting(TicketTransition::to)
        .containsExactly(TicketStatus.NEW, TicketStatus.IN_PROGRESS, TicketStatus.ESCALATED);
    assertThat(history.get(2).reason()).isEqualTo("transformer damage");
    assertThat(history.get(2).fromLine()).isEqualTo(1);

    RowSet<Row> journal = ok(bed.storage.pool().preparedQuery("SELECT * FROM journal WHERE type = "
        + "'crm.ticket.transitioned' AND data->>'ticket' = $1 ORDER BY id").execute(Tuple.of(t.number())));
    List<String> to = new ArrayList<>();
    journal.forEach(r -> to.add(r.getJsonObject("data").getString("to")));
    assertThat(to).containsExactly("new", "in-progress", "escalated");
    assertThat(journal.iterator().next().getString("customer_id")).isEqualTo(String.valueOf(customer.id()));
    assertThat(ok(bed.tickets.links(t.id()))).extracting(l -> l.ref()).containsExactly("call-1");
    assertThat(bed.links).contains(t.id() + ":call:call-1");
  }

  @Test
  void anIllegalTransitionChangesNothing() throws Exception {
    Ticket t = ok(bed.ticketService.open(draft(TicketTopic.BILLING, 2, null)));
    assertThat(fails(bed.ticketService.transition(t.id(), null, "op2002", TicketStatus.CLOSED, null)).id())
        .isEqualTo("illegal-transition");
    assertThat(ok(bed.ticketService.get(t.id())).status()).isEqualTo(TicketStatus.NEW);
    assertThat(ok(bed.tickets.history(t.id()))).hasSize(1);
  }

  @Test
  void aStaleVersionIsAConflictNotALostUpdate() throws Exception {
    Ticket t = ok(bed.ticketService.open(draft(TicketTopic.COMPLAINT, null, null)));
    ok(bed.ticketService.update(t.id(), t.version(), "op1001", new TicketEdit("Rude answer", null, null, null, null, false)));
    assertThat(fails(bed.ticketService.update(t.id(), t.version(), "op1002",
        new TicketEdit("Other subject", null, null, null, null, false))).id()).isEqualTo("ticket-changed");
    assertThat(ok(bed.ticketService.get(t.id())).subject()).isEqualTo("Rude answer");
  }

  @Test
  void concurrentTransitionsAreSerialisedByTheRowLock() throws Exception {
    Ticket t = ok(bed.ticketService.open(draft(TicketTopic.HAZARD, null, null)));
    List<Future<Ticket>> racing = List.of(
        bed.ticketService.transition(t.id(), null, "op1001", TicketStatus.IN_PROGRESS, null),
        bed.ticketService.transition(t.id(), null, "op1002", TicketStatus.IN_PROGRESS, null));
    Future.join(racing).transform(ar -> Future.succeededFuture()).await(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(racing.stream().filter(Future::succeeded)).hasSize(1);
    assertThat(ok(bed.tickets.history(t.id()))).hasSize(2);
  }

  @Test
  void remindersFireOnceForOpenTicketsAndAgainAfterADeadlineMoves() throws Exception {
    Instant soon = Instant.now().plus(Duration.ofMinutes(10));
    Ticket t = ok(bed.ticketService.open(draft(TicketTopic.GRID_CONNECTION, null, soon)));
    assertThat(t.line()).isEqualTo(2);
    assertThat(t.remindAt()).isBefore(soon);
    Instant later = Instant.now().plus(Duration.ofHours(1));
    assertThat(ok(bed.tickets.takeDueReminders(later, 100))).extracting(Ticket::id).contains(t.id());
    assertThat(ok(bed.tickets.takeDueReminders(later, 100))).extracting(Ticket::id).doesNotContain(t.id());
    ok(bed.ticketService.update(t.id(), null, "op2001",
        new TicketEdit(null, null, null, null, Instant.now().plus(Duration.ofMinutes(20)), false)));
    assertThat(ok(bed.tickets.takeDueReminders(later, 100))).extracting(Ticket::id).contains(t.id());
  }

  @Test
  void notesAndRecordingLinksStayOnTheTicket() throws Exception {
    Ticket t = ok(bed.ticketService.open(draft(TicketTopic.METER_FAULT, null, null)));
    ok(bed.ticketService.addNote(t.id(), "op2001", "Meter display blank"));
    ok(bed.ticketService.link(t.id(), "recording", "rec-77", "op2001"));
    ok(bed.ticketService.link(t.id(), "recording", "rec-77", "op2001"));
    assertThat(bed.links).contains(t.id() + ":recording:rec-77");
    assertThat(ok(bed.tickets.notes(t.id()))).extracting(n -> n.body()).containsExactly("Meter display blank");
    assertThat(ok(bed.tickets.links(t.id()))).extracting(l -> l.kind() + ":" + l.ref())
        .containsExactlyInAnyOrder("call:call-1", "recording:rec-77");
    assertThat(fails(bed.ticketService.link(t.id(), "photo", "x", "op2001")).id()).isEqualTo("invalid-link-kind");
    assertThat(fails(bed.ticketService.addNote(999_999, "op2001", "x")).id()).isEqualTo("no-such-ticket");
  }

  @Test
  void anIvrReadingIsStoredAndItsTicketResolvedByTheIvr() throws Exception {
    Gsrn gsrn = customer.meteringPoints().get(0).gsrn();
    Instant now = Instant.now();
    ok(bed.readingService.submit(new MeterReading(gsrn, new BigDecimal("12345.6"), now.minusSeconds(60), "ivr", "call-9"),
        customer.id()));
    assertThat(fails(bed.readingService.submit(
        new MeterReading(gsrn, new BigDecimal("12000"), now, "ivr", "call-10"), customer.id())).id())
        .isEqualTo("reading-decreased");
    assertThat(ok(bed.readings.latest(gsrn, 5))).extracting(r -> r.kwh().toPlainString()).containsExactly("12345.6");
    List<Ticket> mine = ok(bed.tickets.forCustomer(customer.id(), false, 50));
    Ticket reading = mine.stream().filter(x -> x.topic() == TicketTopic.METER_READING).findFirst().orElseThrow();
    assertThat(reading.status()).isEqualTo(TicketStatus.RESOLVED);
    assertThat(reading.source()).isEqualTo(TicketSource.IVR);
    assertThat(fails(bed.readingService.submit(new MeterReading(SampleCustomers.gsrn(9999, 0), BigDecimal.ONE, now,
        "ivr", null), null)).id()).isEqualTo("no-such-metering-point");
  }

  @Test
  void applicationsMoveThroughTheirStagesAndDebtBlocksANewOne() throws Exception {
    GridConnectionApplication a = ok(bed.applications.submit(customer.id(), "15 kW", "op2001", Instant.now()));
    GridConnectionApplication b = ok(bed.applications.advance(a.number(), ApplicationStage.SITE_SURVEY, "op2001", Instant.now()));
    assertThat(b.stage()).isEqualTo(ApplicationStage.SITE_SURVEY);
    assertThat(fails(bed.applications.advance(a.number(), ApplicationStage.ENERGISED, "op2001", Instant.now())).id())
        .isEqualTo("illegal-stage");
    Customer debtor = ok(bed.customers.byNumber("C100003")).orElseThrow();
    ok(bed.storage.pool().preparedQuery("UPDATE crm_customer SET debt_cents = 5000 WHERE id = $1").execute(Tuple.of(debtor.id())));
    assertThat(fails(bed.applications.submit(debtor.id(), "10 kW", "op2001", Instant.now())).id())
        .isEqualTo("outstanding-debt");
  }

  @Test
  void everyStageChangeIsJournalledWithTheChangeAndARefusedOneIsNot() throws Exception {
    GridConnectionApplication a = ok(bed.applications.submit(customer.id(), "11 kW", "op2001", Instant.now()));
    ok(bed.applications.advance(a.number(), ApplicationStage.SITE_SURVEY, "op2002", Instant.now()));
    fails(bed.applications.advance(a.number(), ApplicationStage.DESIGN_REVIEW, "op2002", Instant.now()));

    var rows = ok(bed.storage.pool().preparedQuery("SELECT type, customer_id, operator_id, data FROM journal "
        + "WHERE data->>'application' = $1 ORDER BY id").execute(Tuple.of(a.number())));
    java.util.List<String> entries = new java.util.ArrayList<>();
    rows.forEach(r -> entries.add(r.getString("type") + " " + r.getString("customer_id") + " "
        + r.getString("operator_id") + " " + r.getJsonObject("data").getString("stage") + " "
        + r.getJsonObject("data").getString("from")));
    assertThat(entries).containsExactly(
        "crm.application.submitted " + customer.id() + " op2001 application null",
        "crm.application.advanced " + customer.id() + " op2002 site-survey application");
  }
}
