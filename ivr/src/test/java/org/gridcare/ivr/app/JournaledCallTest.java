package org.gridcare.ivr.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridcare.ivr.domain.MeterHistory;
import org.gridcare.ivr.journal.JournalIvrEvents;
import org.gridcare.ivr.metrics.MicrometerIvrMetrics;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IVR sessions journaled into a real PostgreSQL and counted in Micrometer. */
@RealServers
class JournaledCallTest {
  final Fakes.Crm crm = new Fakes.Crm();
  final Fakes.Acd acd = new Fakes.Acd();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  Storage storage;
  IvrEngine engine;

  @BeforeEach
  void start(Vertx vertx, StorageSettings settings) throws Exception {
    IvrEngineTest.loadShippedConfiguration();
    storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    // One database per test class: each test starts from an empty journal.
    storage.pool().query("TRUNCATE journal").execute().await(10, TimeUnit.SECONDS);
    crm.byPhone.put(IvrEngineTest.ANNA_PHONE, List.of(IvrEngineTest.ANNA));
    crm.meters.put(IvrEngineTest.GSRN, new MeterHistory(IvrEngineTest.GSRN, 12000L, LocalDate.of(2026, 8, 25), 6000));
    Clock clock = Clock.fixed(IvrEngineTest.WEDNESDAY_10, IvrEngineTest.OSLO);
    PhoneNumbers phones = new PhoneNumbers("NO");
    UtilityActions actions = new UtilityActions(crm, new Fakes.Outages(), crm, crm, phones, IvrEngineTest.OSLO, clock);
    Steps steps = new Steps(actions, Catalogues.of(IvrEngineTest.config).topics(), acd,
        new ConfiguredOpeningHours(IvrEngineTest.config.lines(), IvrEngineTest.OSLO, clock), crm, Path.of("data/voicemail"), Set.of(1));
    IvrEvents events = new AllIvrEvents(List.of(new JournalIvrEvents(storage.journal()), new MicrometerIvrMetrics(meters)));
    engine = new IvrEngine(() -> IvrEngineTest.menu, steps, Fakes.textPrompts(), events, phones, clock);
  }

  @AfterEach
  void stop() throws Exception {
    storage.close().await(30, TimeUnit.SECONDS);
  }

  List<Row> journal() throws Exception {
    List<Row> rows = new ArrayList<>();
    storage.pool().query("SELECT type, call_id, line, operator_id, customer_id, phone, data FROM journal ORDER BY id").execute()
        .await(10, TimeUnit.SECONDS).forEach(rows::add);
    return rows;
  }

  @Test
  void selfServedReadingIsJournaledStepByStepWithoutTheTypedDigits() throws Exception {
    ScriptedCaller caller = new ScriptedCaller(IvrEngineTest.ANNA_PHONE)
        .silent().presses("2").presses(IvrEngineTest.GSRN + "#").presses("13100#").presses("1");

    engine.run(caller).await(10, TimeUnit.SECONDS);

    List<Row> rows = journal();
    assertThat(rows.get(0).getString("type")).isEqualTo("ivr.started");
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.getString("call_id")).isEqualTo("call-1");
      assertThat(r.getJsonObject("data").encode()).doesNotContain(IvrEngineTest.GSRN).doesNotContain("13100");
    });
    assertThat(rows).filteredOn(r -> r.getString("type").equals("ivr.step"))
        .extracting(r -> r.getJsonObject("data").getString("node") + "/" + r.getJsonObject("data").getString("input"))
        .containsSubsequence("choose-language/no-input", "recognise/none", "main-menu/key", "reading-gsrn/digits",
            "reading-value/digits", "check-reading/none", "confirm-reading/key", "store-reading/none", "goodbye/none");
    Row completed = rows.get(rows.size() - 1);
    assertThat(completed.getString("type")).isEqualTo("ivr.completed");
    assertThat(completed.getString("phone")).isEqualTo(IvrEngineTest.ANNA_PHONE);
    assertThat(completed.getString("customer_id")).isEqualTo("cust-1");
    assertThat(completed.getInteger("line")).isNull();
    assertThat(completed.getJsonObject("data").getString("ending")).isEqualTo("self-served");
    assertThat(completed.getJsonObject("data").getString("flow")).isEqualTo("store-meter-reading");
    assertThat(rows).filteredOn(r -> r.getString("type").equals("ivr.step")).allSatisfy(r ->
        assertThat(r.getString("phone")).as("the number only in the completed entry").isNull());

    assertThat(meters.counter("ivr.sessions").count()).isEqualTo(1);
    assertThat(meters.counter("ivr.served", "flow", "store-meter-reading").count()).isEqualTo(1);
  }

  @Test
  void transferIsJournaledWithItsLineAndAbandonmentWithItsNode() throws Exception {
    engine.run(new ScriptedCaller(IvrEngineTest.ANNA_PHONE).silent().presses("4").presses("1"))
        .await(10, TimeUnit.SECONDS);
    engine.run(new ScriptedCaller(IvrEngineTest.ANNA_PHONE).silent().presses("7").hangsUp())
        .await(10, TimeUnit.SECONDS);

    List<Row> completed = journal().stream().filter(r -> r.getString("type").equals("ivr.completed")).toList();
    assertThat(completed).hasSize(2);
    assertThat(completed.get(0).getInteger("line")).isEqualTo(1);
    assertThat(completed.get(0).getJsonObject("data").getString("ending")).isEqualTo("transferred");
    assertThat(completed.get(0).getJsonObject("data").getString("topic")).isEqualTo("outage");
    assertThat(completed.get(1).getJsonObject("data").getString("ending")).isEqualTo("abandoned");
    assertThat(completed.get(1).getJsonObject("data").getString("lastNode")).isEqualTo("main-menu");

    assertThat(meters.counter("ivr.abandoned", "node", "main-menu").count()).isEqualTo(1);
    assertThat(meters.counter("ivr.inputs", "node", "main-menu", "input", "invalid").count()).isEqualTo(1);
  }

  @Test
  void surveyAnswerIsStoredInTheJournalForTheReports() throws Exception {
    ScriptedCaller caller = new ScriptedCaller(IvrEngineTest.ANNA_PHONE).presses("5");
    caller.variables.putAll(java.util.Map.of("CC_LINE", "1", "CC_OPERATOR", "op1001"));
    engine.survey("survey").run(caller).await(10, TimeUnit.SECONDS);

    assertThat(journal()).filteredOn(r -> r.getString("type").equals("ivr.survey.answered")).singleElement()
        .satisfies(r -> {
          assertThat(r.getString("call_id")).isEqualTo("call-1");
          assertThat(r.getJsonObject("data").getInteger("score")).isEqualTo(5);
          assertThat(r.getInteger("line")).isEqualTo(1);
          assertThat(r.getString("operator_id")).isEqualTo("op1001");
        });
    assertThat(meters.counter("ivr.survey.answers", "score", "5").count()).isEqualTo(1);
  }
}
