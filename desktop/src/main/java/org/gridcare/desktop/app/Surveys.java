package org.gridcare.desktop.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.desktop.domain.DeskCall;
import org.gridcare.desktop.domain.Survey;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;

/**
 * Surveys an operator runs on a call ({@code config/surveys}). The answers are stored against the call's ticket as a
 * note (the ticket given, else the one the call came with, else a new one of the survey's ticket topic linked to the
 * call and the customer), only on a ticket the operator may act on, and journalled as {@code desktop.survey.answered}
 * (survey, ticket, the typed answers; free text stays in the ticket note, out of the journal) for the reports.
 */
public final class Surveys {
  private final Map<String, Survey> surveys;
  private final CallLog log;
  private final CallFacts facts;
  private final CrmDesk crm;
  private final Journal journal;

  public Surveys(Map<String, Survey> surveys, CallLog log, CallFacts facts, CrmDesk crm, Journal journal) {
    this.surveys = Map.copyOf(surveys);
    this.log = log;
    this.facts = facts;
    this.crm = crm;
    this.journal = journal;
  }

  public List<Survey> list() {
    return surveys.values().stream().sorted(Comparator.comparing(Survey::id)).toList();
  }

  /**
   * Checks and stores the answers to survey {@code surveyId} on the operator's call {@code callId} (one they were
   * offered or dialled). {@code customerId} names the customer when the call's pop did not (found by a search).
   * Answers {@code {ticketId, ticketNumber (when created), created, note}}.
   */
  public Future<JsonObject> answer(CrmDesk.Actor actor, String surveyId, String callId, Long ticketId, Long customerId,
      Map<String, String> answers) {
    Survey survey = surveys.get(surveyId);
    if (survey == null) {
      return Future.failedFuture(DomainException.notFound("no-such-survey", "No survey " + surveyId));
    }
    Survey.Answers checked;
    try {
      checked = survey.answer(answers);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    String me = actor.username();
    return log.byCall(callId, me).compose(found -> {
      DeskCall call = found.orElseThrow(() -> DomainException.notFound("no-such-call",
          "Call " + callId + " is not one of yours"));
      Long customer = call.customerId() != null ? call.customerId() : customerId;
      return ticketFor(actor, survey, call, ticketId, customer).compose(ticket -> {
        long id = ticket.getLong("id");
        return crm.addNote(id, actor, checked.note())
            .compose(v -> ticket.getBoolean("created") ? Future.succeededFuture() : crm.linkCall(id, callId, me))
            .compose(v -> journal.append(JournalEntry.of("desktop.survey.answered").call(callId).line(call.line())
                .operator(me).customer(customer == null ? null : String.valueOf(customer))
                .data(Map.of("survey", survey.id(), "ticket", String.valueOf(id), "answers", checked.values(),
                    "textAnswered", checked.textAnswered()))))
            .map(v -> new JsonObject().put("ticketId", id).put("ticketNumber", ticket.getString("number"))
                .put("created", ticket.getBoolean("created")).put("note", checked.note()));
      });
    });
  }

  /** The ticket given, else the call's own (opened in the IVR, or carried by a transfer), else a new one. */
  private Future<JsonObject> ticketFor(CrmDesk.Actor actor, Survey survey, DeskCall call, Long given, Long customer) {
    if (given != null) {
      return Future.succeededFuture(new JsonObject().put("id", given).put("created", false));
    }
    return facts.of(call.callId()).compose(f -> {
      Optional<Long> known = Optional.ofNullable(f.ticketId()).filter(t -> t.matches("[0-9]{1,18}")).map(Long::valueOf);
      if (known.isPresent()) {
        return Future.succeededFuture(new JsonObject().put("id", known.get()).put("created", false));
      }
      return crm.openTicket(actor, survey.ticketTopic(), "Survey: " + survey.title().get("en"), customer,
          call.callId(), call.line()).map(t -> t.copy().put("created", true));
    });
  }
}
