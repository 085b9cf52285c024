package org.gridcare.crm.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.gridcare.platform.domain.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketWorkflowTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  static Ticket ticket(TicketStatus status, int line) {
    return new Ticket(7, "T000007", 1L, TicketTopic.OUTAGE, status, "No power", null, line, "op1001", null, null,
        TicketSource.OPERATOR, "op1001", T0, T0, 3);
  }

  @ParameterizedTest
  @CsvSource({"NEW,IN_PROGRESS", "NEW,RESOLVED", "IN_PROGRESS,WAITING", "WAITING,IN_PROGRESS", "RESOLVED,CLOSED",
      "RESOLVED,IN_PROGRESS", "ESCALATED,RESOLVED", "IN_PROGRESS,CANCELLED"})
  void allowedMovesProduceTheNextTicketAndItsTransition(TicketStatus from, TicketStatus to) {
    Ticket.Transitioned t = ticket(from, 1).transition(to, "op1001", "why", T0.plusSeconds(60));
    assertThat(t.ticket().status()).isEqualTo(to);
    assertThat(t.ticket().version()).isEqualTo(4);
    assertThat(t.ticket().updatedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(t.transition().from()).isEqualTo(from);
    assertThat(t.transition().to()).isEqualTo(to);
    assertThat(t.transition().actor()).isEqualTo("op1001");
  }

  @ParameterizedTest
  @CsvSource({"CLOSED,IN_PROGRESS", "CANCELLED,NEW", "NEW,CLOSED", "WAITING,ESCALATED", "RESOLVED,WAITING", "NEW,NEW"})
  void forbiddenMovesAreConflictsNamingTheAllowedOnes(TicketStatus from, TicketStatus to) {
    assertThatThrownBy(() -> ticket(from, 1).transition(to, "op1001", null, T0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("illegal-transition"));
  }

  @Test
  void escalationMovesTheTicketToLineThreeAndFreesTheOwner() {
    Ticket.Transitioned t = ticket(TicketStatus.IN_PROGRESS, 2).transition(TicketStatus.ESCALATED, "op2001", "meter", T0);
    assertThat(t.ticket().line()).isEqualTo(3);
    assertThat(t.ticket().owner()).isNull();
    assertThat(t.transition().fromLine()).isEqualTo(2);
    assertThat(t.transition().toLine()).isEqualTo(3);
  }

  @Test
  void reminderIsADayBeforeTheDeadlineOrHalfwayWhenTheDeadlineIsClose() {
    assertThat(Ticket.reminderFor(T0.plus(Duration.ofDays(3)), T0)).isEqualTo(T0.plus(Duration.ofDays(2)));
    assertThat(Ticket.reminderFor(T0.plus(Duration.ofHours(10)), T0)).isEqualTo(T0.plus(Duration.ofHours(5)));
    assertThat(Ticket.reminderFor(T0.minusSeconds(5), T0)).isEqualTo(T0);
    assertThat(Ticket.reminderFor(null, T0)).isNull();
  }

  @Test
  void closingDropsThePendingReminder() {
    Ticket due = ticket(TicketStatus.IN_PROGRESS, 1).reschedule(T0.plus(Duration.ofDays(3)), T0);
    assertThat(due.remindAt()).isNotNull();
    assertThat(due.transition(TicketStatus.RESOLVED, "op1001", null, T0).ticket().remindAt()).isNull();
  }

  @Test
  void aClosedTicketCannotBeReassigned() {
    assertThatThrownBy(() -> ticket(TicketStatus.CLOSED, 1).reassign(2, "op2001", T0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("ticket-closed"));
  }

  @Test
  void unknownTopicsAreRejectedWithTheKnownList() {
    assertThat(TicketTopic.of("meter-reading")).isEqualTo(TicketTopic.METER_READING);
    assertThatThrownBy(() -> TicketTopic.of("weather"))
        .isInstanceOfSatisfying(DomainException.class, e -> {
          assertThat(e.id()).isEqualTo("unknown-topic");
          assertThat(e.getMessage()).contains("grid-connection");
        });
  }

  @Test
  void applicationStagesMoveForwardOneAtATimeAndDebtBlocksAcceptance() {
    GridConnectionApplication a = new GridConnectionApplication(1, "A000001", 5, "15", ApplicationStage.APPLICATION, T0, T0);
    GridConnectionApplication b = a.advanceTo(ApplicationStage.SITE_SURVEY, T0.plusSeconds(1));
    assertThat(b.stage()).isEqualTo(ApplicationStage.SITE_SURVEY);
    assertThat(b.stageSince()).isEqualTo(T0.plusSeconds(1));
    assertThatThrownBy(() -> b.advanceTo(ApplicationStage.CONTRACT_AND_FEES, T0))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("illegal-stage"));
    assertThatThrownBy(() -> GridConnectionApplication.checkAcceptable(100))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.id()).isEqualTo("outstanding-debt"));
  }
}
