package org.gridcare.notifications.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridcare.notifications.testing.Fixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.CallingWindow;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.PhoneSurvey;
import org.gridcare.notifications.domain.Segment;
import org.gridcare.notifications.domain.SurveyProgress;
import org.gridcare.notifications.pg.PgCallOutbox;
import org.gridcare.notifications.pg.PgSurveyCampaigns;
import org.gridcare.notifications.testing.FakeSession;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Survey campaigns: who is called, scope, calling window and control, and the survey-out script's outcomes. */
@RealServers
class SurveyCampaignsTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Oslo");
  private static final PhoneSurvey SURVEY = new PhoneSurvey("after-outage", Map.of("en", "Hello", "ru", "Привет"),
      List.of(new PhoneSurvey.Question("information", Map.of("en", "Informed?", "ru", "Информированы?"), 1, 5),
          new PhoneSurvey.Question("recommend", Map.of("en", "Recommend?", "ru", "Порекомендуете?"), 0, 9)),
      Map.of("en", "Thanks", "ru", "Спасибо"));
  private static final Supervisor SUP1 = new Supervisor("sup1", Set.of(1, 2), false);
  private static Storage storage;
  private static PgSurveyCampaigns store;
  private static PgCallOutbox calls;
  private static List<Candidate> inArea;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    storage = await(Storage.start(vertx, settings));
    store = new PgSurveyCampaigns(storage.pool());
    calls = new PgCallOutbox(storage.pool());
  }

  @AfterAll
  static void stop() throws Exception {
    if (storage != null) {
      await(storage.close());
    }
  }

  @BeforeEach
  void emptyCallList() throws Exception {
    await(storage.pool().query("TRUNCATE notify_call, notify_survey_campaign, notify_campaign CASCADE").execute());
    inArea = List.of(
        new Candidate("c1", null, "22 93 00 01", "ru", true, Segment.HOUSEHOLD), // national format, Russian speaker
        new Candidate("c2", null, "+4722930002", "de", true, Segment.HOUSEHOLD), // a language the centre lacks
        new Candidate("c2b", null, "+4722930002", null, true, Segment.HOUSEHOLD), // same number again
        new Candidate("c3", null, "+4722930003", null, false, Segment.HOUSEHOLD), // no consent
        new Candidate("c4", null, "12", null, true, Segment.HOUSEHOLD)); // not a number
  }

  private static SurveyCampaigns campaigns(CallingWindow window) {
    PhoneNumbers phones = new PhoneNumbers("NO");
    return new SurveyCampaigns(store, area -> Future.succeededFuture(inArea), phones::normalise,
        Map.of(SURVEY.id(), SURVEY), window, ZONE, "en", Set.of("en", "ru"), Set.of(1, 2, 3), storage.audit(),
        Clock.systemUTC());
  }

  /** A window of two hours around now (wrapping past midnight when it must). */
  private static CallingWindow open() {
    LocalTime now = LocalTime.now(ZONE);
    return new CallingWindow(now.minusHours(1), now.plusHours(1));
  }

  private static StartSurveyCampaign request(int line) {
    return new StartSurveyCampaign("After the storm", SURVEY.id(), line, Area.ofPostcodes("0485"), null, null);
  }

  @Test
  void eachConsentingNumberIsCalledOnceInTheCustomersLanguageAndTheStartIsJournalledAndAudited() throws Exception {
    SurveyProgress p = await(campaigns(open()).start(request(2), SUP1));

    assertThat(p.numbers()).isEqualTo(2);
    assertThat(p.pending()).isEqualTo(2);
    Map<String, String> rows = new HashMap<>();
    for (Row r : await(storage.pool().preparedQuery("SELECT phone, customer_id, language, context FROM notify_call "
        + "WHERE campaign_id = $1").execute(Tuple.of(p.campaign().id())))) {
      rows.put(r.getString("phone"), r.getString("customer_id") + " " + r.getString("language") + " "
          + r.getString("context"));
    }
    assertThat(rows).containsOnly(Map.entry("+4722930001", "c1 ru cc-survey-out"),
        Map.entry("+4722930002", "c2 en cc-survey-out"));
    Row started = await(storage.pool().preparedQuery("SELECT line, operator_id, data FROM journal "
        + "WHERE type = 'notify.survey.campaign.started' AND data->>'campaign' = $1")
        .execute(Tuple.of(p.campaign().id().toString()))).iterator().next();
    assertThat(started.getInteger("line")).isEqualTo(2);
    assertThat(started.getString("operator_id")).isEqualTo("sup1");
    assertThat(await(storage.pool().preparedQuery("SELECT count(*) AS n FROM audit WHERE action = "
        + "'survey-campaign.started' AND subject_id = $1").execute(Tuple.of(p.campaign().id().toString())))
        .iterator().next().getLong("n")).isEqualTo(1);
  }

  @Test
  void badRequestsAreClearErrors() {
    SurveyCampaigns c = campaigns(open());
    assertThat(error(c.start(new StartSurveyCampaign("x", "nope", 1, Area.ofPostcodes("0485"), null, null), SUP1)))
        .isEqualTo("unknown-survey");
    assertThat(error(c.start(request(3), SUP1))).as("line 3 is not a line-1 supervisor's").isEqualTo("line-out-of-scope");
    assertThat(error(c.start(request(4), new Supervisor("boss", Set.of(), true)))).isEqualTo("unknown-line");
    assertThat(error(c.start(new StartSurveyCampaign("x", SURVEY.id(), 1, Area.ofPostcodes("0485"),
        LocalTime.of(9, 0), LocalTime.of(9, 0)), SUP1))).isEqualTo("bad-calling-window");
    inArea = List.of();
    assertThat(error(c.start(request(1), SUP1))).isEqualTo("no-recipients");
  }

  @Test
  void callsStartOnlyWhileTheCampaignRunsInsideItsWindowAndCancellingDropsTheRest() throws Exception {
    LocalTime now = LocalTime.now(ZONE);
    SurveyProgress closed = await(campaigns(new CallingWindow(now.plusHours(2), now.plusHours(3))).start(request(1), SUP1));
    assertThat(await(calls.claim(10, Duration.ofMinutes(1)))).as("outside its window").isEmpty();
    await(store.changeState(closed.campaign(), closed.campaign().state().after("cancel"), "cancelled", "sup1"));

    SurveyCampaigns c = campaigns(open());
    UUID id = await(c.start(request(1), SUP1)).campaign().id();
    await(c.control(id, "pause", SUP1));
    assertThat(await(calls.claim(10, Duration.ofMinutes(1)))).as("paused").isEmpty();
    assertThat(error(c.control(id, "pause", SUP1))).isEqualTo("campaign-paused");
    await(c.control(id, "resume", SUP1));
    List<OutboxCall> claimed = await(calls.claim(1, Duration.ofMinutes(1)));
    assertThat(claimed).singleElement().satisfies(call -> {
      assertThat(call.campaignId()).isEqualTo(id);
      assertThat(call.context()).isEqualTo(PgSurveyCampaigns.CONTEXT);
    });

    SurveyProgress cancelled = await(c.control(id, "cancel", SUP1));
    assertThat(cancelled.cancelled()).as("the call not made yet").isEqualTo(1);
    assertThat(cancelled.pending()).as("the call in progress finishes").isEqualTo(1);
    assertThat(await(calls.claim(10, Duration.ofMinutes(1)))).isEmpty();
    assertThat(error(c.control(id, "resume", SUP1))).isEqualTo("campaign-cancelled");
    assertThat(error(c.control(id, "cancel", new Supervisor("sup3", Set.of(3), false))))
        .as("another line's campaign is not found").isEqualTo("no-such-survey-campaign");
    assertThat(await(c.list(new Supervisor("sup3", Set.of(3), false)))).isEmpty();
    assertThat(await(c.list(new Supervisor("boss", Set.of(), true)))).hasSize(2);
    List<String> journal = new ArrayList<>();
    await(storage.pool().preparedQuery("SELECT type FROM journal WHERE data->>'campaign' = $1 ORDER BY id")
        .execute(Tuple.of(id.toString()))).forEach(r -> journal.add(r.getString("type")));
    assertThat(journal).containsExactly("notify.survey.campaign.started", "notify.survey.campaign.paused",
        "notify.survey.campaign.resumed", "notify.survey.campaign.cancelled");
  }

  @Test
  void aPersonAnswersEveryQuestionAWrongKeyAsksAgain() throws Exception {
    OutboxCall call = claimedCall();
    // information: 7 is not 1-5, so it is asked again: nothing during it, 3 in the pause after it; recommend: 9
    FakeSession person = session(call, "HUMAN", "7", "", "3", "9");
    await(script().run(person));

    assertThat(person.log).containsExactly("play en:Hello", "play en:Informed?", "play en:Informed?", "wait",
        "play en:Recommend?", "play en:Thanks", "hangup");
    assertThat(row(call)).isEqualTo("DONE ANSWERED COMPLETED");
    assertThat(journal(call)).containsExactly("notify.survey.answered information=3",
        "notify.survey.answered recommend=9", "notify.survey.completed answers=2");
  }

  @Test
  void aPersonWhoHangsUpRefusedAndAMachineHearsNothing() throws Exception {
    OutboxCall first = claimedCall();
    await(script().run(session(first, "NOTSURE", "2", FakeSession.HANG_UP)));
    assertThat(row(first)).isEqualTo("DONE ANSWERED REFUSED");
    assertThat(journal(first)).containsExactly("notify.survey.answered information=2",
        "notify.survey.refused answers=1");

    OutboxCall second = await(calls.claim(1, Duration.ofMinutes(1))).get(0);
    FakeSession machine = session(second, "MACHINE");
    await(script().run(machine));
    assertThat(machine.log).containsExactly("hangup");
    assertThat(row(second)).isEqualTo("DONE MACHINE -");
    assertThat(journal(second)).isEmpty();
  }

  @Test
  void aFailureAfterAnAnswerEndsTheSurveyRatherThanAskingAgain() throws Exception {
    OutboxCall call = claimedCall();
    SurveyScript failing = new SurveyScript(calls, store, id -> Optional.of(SURVEY), (text, language) ->
        text.equals("Recommend?") ? Future.failedFuture(new IllegalStateException("speech engine gone"))
            : Future.succeededFuture(language + ":" + text));
    FakeSession person = session(call, "HUMAN", "5");
    await(failing.run(person));
    assertThat(row(call)).isEqualTo("DONE ANSWERED REFUSED");
    assertThat(journal(call)).containsExactly("notify.survey.answered information=5", "notify.survey.refused answers=1");
    assertThat(person.log).endsWith("hangup");
  }

  private static SurveyScript script() {
    return new SurveyScript(calls, store, id -> Optional.ofNullable(id.equals(SURVEY.id()) ? SURVEY : null),
        (text, language) -> Future.succeededFuture(language + ":" + text));
  }

  private static OutboxCall claimedCall() throws Exception {
    inArea = List.of(new Candidate("c1", null, "+4722930001", "en", true, Segment.HOUSEHOLD),
        new Candidate("c2", null, "+4722930002", "en", true, Segment.HOUSEHOLD));
    await(campaigns(open()).start(request(1), SUP1));
    return await(calls.claim(1, Duration.ofMinutes(1))).get(0);
  }

  private static FakeSession session(OutboxCall call, String amd, String... typed) {
    return new FakeSession(Map.of(VoiceDialler.CALL_VARIABLE, String.valueOf(call.id()), "AMDSTATUS", amd), typed);
  }

  private static String row(OutboxCall call) throws Exception {
    Row r = await(storage.pool().preparedQuery("SELECT state, outcome, survey_result FROM notify_call WHERE id = $1")
        .execute(Tuple.of(call.id()))).iterator().next();
    return r.getString("state") + " " + r.getString("outcome") + " "
        + (r.getString("survey_result") == null ? "-" : r.getString("survey_result"));
  }

  private static List<String> journal(OutboxCall call) throws Exception {
    List<String> out = new ArrayList<>();
    await(storage.pool().preparedQuery("SELECT type, data FROM journal WHERE phone = $1 AND type LIKE 'notify.survey.%' "
        + "AND data->>'campaign' = $2 ORDER BY id").execute(Tuple.of(call.phone(), call.campaignId().toString())))
        .forEach(r -> out.add(r.getString("type") + " " + (r.getString("type").endsWith("answered")
            ? r.getJsonObject("data").getString("question") + "=" + r.getJsonObject("data").getInteger("answer")
            : "answers=" + r.getJsonObject("data").getInteger("answers"))));
    return out;
  }

  private static String error(Future<?> f) {
    assertThatThrownBy(() -> await(f)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(DomainException.class);
    try {
      await(f);
      return null;
    } catch (Exception e) {
      return ((DomainException) e.getCause()).id();
    }
  }
}
