package org.gridcare.desktop.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcare.desktop.app.Contacts;
import org.gridcare.desktop.app.KnowledgeBase;
import org.gridcare.desktop.domain.Contact;
import org.gridcare.desktop.domain.DeskCall;
import org.gridcare.desktop.files.MarkdownArticles;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The desktop's PostgreSQL adapters on a real server: knowledge-base ranking, the call log, a call's journal facts. */
@RealServers
class PgDesktopStoresTest {
  private static Storage storage;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    storage = Storage.start(vertx, settings).await(120, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    storage.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  void theKnowledgeBaseRanksTitleMatchesFirstAndStemsEachLanguage() throws Exception {
    PgKnowledgeBase kb = new PgKnowledgeBase(storage.pool());
    kb.replaceAll(MarkdownArticles.load(Path.of("../config/kb"))).await(30, TimeUnit.SECONDS);

    List<KnowledgeBase.Hit> hits = kb.search("outages", 10).await(30, TimeUnit.SECONDS);
    assertThat(hits).isNotEmpty();
    assertThat(hits.get(0).slug()).isEqualTo("outage-reporting"); // "outage" in the title outranks body mentions
    assertThat(hits).extracting(KnowledgeBase.Hit::rank).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(hits.get(0).snippet()).contains("<<");

    assertThat(kb.search("отключения", 10).await(30, TimeUnit.SECONDS)) // stemmed: отключение
        .extracting(KnowledgeBase.Hit::slug).containsExactly("otklyuchenie-ru");
    assertThat(kb.search("\"downed line\" -sparking", 10).await(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(kb.search("zebra", 10).await(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(kb.article("downed-line").await(30, TimeUnit.SECONDS)).hasValueSatisfying(a ->
        assertThat(a.title()).startsWith("Downed line"));
  }

  @Test
  void aCallOfferedButNotAnsweredIsMissedAndAnAnsweredOneAnswered() throws Exception {
    PgCallLog log = new PgCallLog(storage.pool());
    Instant t0 = Instant.parse("2026-11-25T10:00:00Z");
    log.started(call("c-missed", t0)).await(30, TimeUnit.SECONDS);
    log.started(callOnly("c-missed", t0)).await(30, TimeUnit.SECONDS); // a repeat is ignored
    log.ended("c-missed", "op9", t0.plusSeconds(20), "missed").await(30, TimeUnit.SECONDS);
    log.started(call("c-talked", t0.plusSeconds(60))).await(30, TimeUnit.SECONDS);
    log.answered("c-talked", "op9", t0.plusSeconds(65)).await(30, TimeUnit.SECONDS);
    log.ended("c-talked", "op9", t0.plusSeconds(200), "missed").await(30, TimeUnit.SECONDS);

    // the ACD's answer and end overtake the pop's insert: the call still ends answered, with the pop's details
    log.answered("c-raced", "op9", t0.plusSeconds(301)).await(30, TimeUnit.SECONDS);
    log.ended("c-raced", "op9", t0.plusSeconds(330), "missed").await(30, TimeUnit.SECONDS);
    log.started(call("c-raced", t0.plusSeconds(300))).await(30, TimeUnit.SECONDS);
    DeskCall raced = log.recent("op9", 1).await(30, TimeUnit.SECONDS).get(0);
    assertThat(raced.outcome()).isEqualTo("answered");
    assertThat(raced.phone()).isEqualTo("+4791234567");
    assertThat(raced.startedAt()).isEqualTo(t0.plusSeconds(300));

    List<DeskCall> recent = log.recent("op9", 10).await(30, TimeUnit.SECONDS).subList(1, 3);
    assertThat(recent).extracting(DeskCall::callId).containsExactly("c-talked", "c-missed");
    assertThat(recent).extracting(DeskCall::outcome).containsExactly("answered", "missed");
    assertThat(recent.get(0).answeredAt()).isEqualTo(t0.plusSeconds(65));
    assertThat(log.recent("op8", 10).await(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(log.byId(recent.get(1).id()).await(30, TimeUnit.SECONDS)).hasValueSatisfying(c -> {
      assertThat(c.phone()).isEqualTo("+4791234567");
      assertThat(c.customerId()).isEqualTo(7L);
    });
    // erasure anonymises the journal: the history forgets the number with it
    storage.pool().query("UPDATE journal SET phone = NULL, customer_id = NULL WHERE call_id = 'c-missed'").execute()
        .await(30, TimeUnit.SECONDS);
    assertThat(log.byId(recent.get(1).id()).await(30, TimeUnit.SECONDS)).hasValueSatisfying(c -> {
      assertThat(c.phone()).isNull();
      assertThat(c.customerId()).isNull();
    });
  }

  @Test
  void aCallsFactsAreItsIvrPathAndItsLatestQueue() throws Exception {
    var journal = storage.journal();
    for (String node : List.of("choose-language", "welcome", "welcome", "outage-menu")) {
      journal.append(JournalEntry.of("ivr.step").call("c-facts").data(java.util.Map.of("node", node))).await(30, TimeUnit.SECONDS);
    }
    journal.append(JournalEntry.of("acd.call.offered").call("c-facts").line(1).data(java.util.Map.of("topic", "outage")))
        .await(30, TimeUnit.SECONDS);
    journal.append(JournalEntry.of("acd.call.escalated").call("c-facts").line(2)
        .data(java.util.Map.of("topic", "metering", "ticket", "42"))).await(30, TimeUnit.SECONDS);
    var facts = new PgCallFacts(storage.pool()).of("c-facts").await(30, TimeUnit.SECONDS);
    assertThat(facts.ivrPath()).containsExactly("choose-language", "welcome", "outage-menu");
    assertThat(facts.topic()).isEqualTo("metering");
    assertThat(facts.line()).isEqualTo(2);
    assertThat(facts.ticketId()).isEqualTo("42");
  }

  @Test
  void everyoneSeesTheCorporateBookAndOnlyTheirOwnPersonalEntries() throws Exception {
    PgAddressBook book = new PgAddressBook(storage.pool());
    Contacts contacts = new Contacts(book, new org.gridcare.platform.domain.PhoneNumbers("NO"));
    book.replaceCorporate(List.of(new Contact(0, null, "Grid dispatch", "+4722990000", "Dispatch"),
        new Contact(0, null, "Emergency services", "112", null))).await(30, TimeUnit.SECONDS);
    Contact mine = contacts.add("op1", " Kari (electrician) ", "912 34 567", "").await(30, TimeUnit.SECONDS);
    assertThat(mine.phone()).isEqualTo("+4791234567");
    assertThat(mine.organisation()).isNull();
    contacts.add("op2", "Someone else's", "41234567", null).await(30, TimeUnit.SECONDS);

    assertThat(contacts.list("op1", null).await(30, TimeUnit.SECONDS)).extracting(Contact::name)
        .containsExactly("Emergency services", "Grid dispatch", "Kari (electrician)");
    assertThat(contacts.list("op1", "DISPATCH").await(30, TimeUnit.SECONDS)).extracting(Contact::name)
        .containsExactly("Grid dispatch");
    assertThat(failure(contacts.add("op1", "Nobody", "not a number", null))).hasMessageContaining("Not a phone number");
    Contact corporate = contacts.list("op1", "Grid").await(30, TimeUnit.SECONDS).get(0);
    assertThat(failure(contacts.remove("op1", corporate.id()))).hasMessageContaining("corporate entries are changed");
    contacts.remove("op1", mine.id()).await(30, TimeUnit.SECONDS);
    assertThat(contacts.list("op1", null).await(30, TimeUnit.SECONDS)).hasSize(2);

    book.replaceCorporate(List.of()).await(30, TimeUnit.SECONDS); // a new configuration replaces the corporate book
    assertThat(contacts.list("op2", null).await(30, TimeUnit.SECONDS)).extracting(Contact::name)
        .containsExactly("Someone else's");
  }

  private static Throwable failure(io.vertx.core.Future<?> f) throws Exception {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  /** The desktop journals the offer with the number before it logs the call. */
  private static DeskCall call(String callId, Instant at) throws Exception {
    storage.journal().append(JournalEntry.of("desktop.call.offered").call(callId).operator("op9").phone("+4791234567")
        .customer("7")).await(30, TimeUnit.SECONDS);
    return callOnly(callId, at);
  }

  private static DeskCall callOnly(String callId, Instant at) {
    return new DeskCall(0, callId, "op9", DeskCall.Direction.INBOUND, "+4791234567", 7L, 1, "outage", at, null, null,
        "offered");
  }
}
