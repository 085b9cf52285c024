package org.gridcare.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.gridcare.desktop.domain.DeskCall;
import org.gridcare.desktop.files.YamlSurveys;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.junit.jupiter.api.Test;

/** Storing survey answers against the call's ticket: which ticket, the operator's rights, the journal entry. */
class SurveysTest {
  private static final CrmDesk.Actor AGENT = new CrmDesk.Actor("op1001", false, List.of(1));
  private static final Map<String, String> ANSWERS = Map.of("rating", "5", "resolved", "yes", "comment", "Thanks, Anna");
  private final List<String> crmCalls = new CopyOnWriteArrayList<>();
  private final List<JournalEntry> journal = new CopyOnWriteArrayList<>();
  private String callTicket;

  private Surveys surveys() {
    DeskCall call = new DeskCall(7, "call-1", "op1001", DeskCall.Direction.INBOUND, "+4791234567", 42L, 1, "outage",
        Instant.EPOCH, Instant.EPOCH, null, "talking");
    CallLog log = new CallLog() {
      public Future<Void> started(DeskCall c) { return Future.succeededFuture(); }
      public Future<Void> answered(String callId, String operatorId, Instant at) { return Future.succeededFuture(); }
      public Future<Void> ended(String callId, String op, Instant at, String notAnswered) { return Future.succeededFuture(); }
      public Future<List<DeskCall>> recent(String operatorId, int limit) { return Future.succeededFuture(List.of()); }
      public Future<Optional<DeskCall>> byId(long id) { return Future.succeededFuture(Optional.empty()); }
      public Future<Optional<DeskCall>> byCall(String callId, String operatorId) {
        return Future.succeededFuture(Optional.of(call).filter(c -> c.callId().equals(callId) && c.operatorId().equals(operatorId)));
      }
    };
    CallFacts facts = callId -> Future.succeededFuture(new CallFacts.Facts(List.of(), "outage", 1, callTicket));
    CrmDesk crm = new CrmDesk() {
      public Future<JsonObject> card(String callId, String rawCaller) { return Future.succeededFuture(new JsonObject()); }
      public Future<Void> addNote(long ticketId, Actor actor, String body) {
        if (ticketId == 99) {
          return Future.failedFuture(DomainException.forbidden("not-your-line", "Ticket 99 belongs to line 3"));
        }
        crmCalls.add("note " + ticketId + " " + body.lines().findFirst().orElseThrow());
        return Future.succeededFuture();
      }
      public Future<Void> linkCall(long ticketId, String callId, String actor) {
        crmCalls.add("link " + ticketId + " " + callId);
        return Future.succeededFuture();
      }
      public Set<String> ticketTopics() { return Set.of("suggestion"); }
      public Future<JsonObject> openTicket(Actor actor, String topic, String subject, Long customerId, String callId,
          Integer line) {
        crmCalls.add("open " + topic + " " + subject + " customer " + customerId + " " + callId + " line " + line);
        return Future.succeededFuture(new JsonObject().put("id", 500L).put("number", "T-500"));
      }
    };
    return new Surveys(YamlSurveys.load(Path.of("../config/surveys"), Set.of("suggestion")), log, facts, crm, e -> {
      journal.add(e);
      return Future.succeededFuture();
    });
  }

  @Test
  void aCallWithoutTicketGetsOneOfTheSurveysTopicAndTheTypedAnswersAreJournalled() throws Exception {
    JsonObject r = await(surveys().answer(AGENT, "satisfaction", "call-1", null, null, ANSWERS));
    assertThat(r.getLong("ticketId")).isEqualTo(500L);
    assertThat(r.getBoolean("created")).isTrue();
    assertThat(crmCalls).containsExactly(
        "open suggestion Survey: Customer satisfaction customer 42 call-1 line 1",
        "note 500 Survey \"Customer satisfaction\" (satisfaction):");
    JournalEntry e = journal.get(0);
    assertThat(e.type()).isEqualTo("desktop.survey.answered");
    assertThat(e.callId()).isEqualTo("call-1");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.operatorId()).isEqualTo("op1001");
    assertThat(e.customerId()).isEqualTo("42");
    assertThat(e.data()).containsEntry("survey", "satisfaction").containsEntry("ticket", "500")
        .containsEntry("answers", Map.of("rating", 5, "resolved", "yes")).containsEntry("textAnswered", List.of("comment"));
    assertThat(e.data().toString()).doesNotContain("Anna"); // free text stays in the ticket
  }

  @Test
  void theTicketGivenOrTheCallsOwnIsUsedAndLinkedToTheCall() throws Exception {
    await(surveys().answer(AGENT, "satisfaction", "call-1", 12L, null, ANSWERS));
    callTicket = "34";
    await(surveys().answer(AGENT, "satisfaction", "call-1", null, null, ANSWERS));
    assertThat(crmCalls).filteredOn(c -> !c.startsWith("note")).containsExactly("link 12 call-1", "link 34 call-1");
  }

  @Test
  void refusedWhenNotTheOperatorsCallOrTicketOrTheAnswersDoNotFit() {
    assertThat(failure(surveys().answer(AGENT, "satisfaction", "call-2", null, null, ANSWERS)).id()).isEqualTo("no-such-call");
    assertThat(failure(surveys().answer(AGENT, "satisfaction", "call-1", 99L, null, ANSWERS)).id()).isEqualTo("not-your-line");
    assertThat(failure(surveys().answer(AGENT, "satisfaction", "call-1", null, null, Map.of("rating", "9"))).id())
        .isEqualTo("invalid-answers");
    assertThat(failure(surveys().answer(AGENT, "nps", "call-1", null, null, ANSWERS)).id()).isEqualTo("no-such-survey");
    assertThat(journal).isEmpty();
  }

  private static DomainException failure(Future<?> f) {
    Throwable[] out = new Throwable[1];
    assertThatThrownBy(() -> await(f)).isInstanceOf(ExecutionException.class).satisfies(e -> out[0] = e.getCause());
    return (DomainException) out[0];
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
