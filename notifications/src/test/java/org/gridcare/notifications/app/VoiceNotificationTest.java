package org.gridcare.notifications.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.notifications.testing.Fixtures.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.CallOutcome;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.Segment;
import org.gridcare.notifications.domain.VoicePolicy;
import org.gridcare.notifications.pg.PgCallOutbox;
import org.gridcare.notifications.testing.FakePbx;
import org.gridcare.notifications.testing.FakeSession;
import org.gridcare.notifications.testing.Fixtures;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult.Outcome;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Automated notification calls for numbers without SMS: pacing, retries, outcomes, and the notify script. */
@RealServers
class VoiceNotificationTest {
  static Storage storage;

  @BeforeAll
  static void start(Vertx vertx, StorageSettings settings) throws Exception {
    storage = await(Storage.start(vertx, settings));
  }

  @AfterAll
  static void stop() throws Exception {
    if (storage != null) {
      await(storage.close());
    }
  }

  static List<Candidate> landlines(int first, int n) {
    List<Candidate> out = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      out.add(new Candidate("land-" + i, "Customer " + i, String.format("+4722%06d", i), "en", true,
          Segment.HOUSEHOLD));
    }
    return out;
  }

  static UUID campaign(List<Candidate> customers) throws Exception {
    OutageService outages = Fixtures.outages(storage.pool(), a -> Future.succeededFuture(customers), Clock.systemUTC());
    var o = await(outages.report(new ReportOutage(Area.ofPostcodes("0150"), "storm", null, null, "oms", null)));
    return await(storage.pool().preparedQuery("SELECT id FROM notify_campaign WHERE outage_id=$1")
        .execute(Tuple.of(o.id()))).iterator().next().getUUID("id");
  }

  /** Completes with every call of the campaign (phone → state/outcome/attempts) once none is pending or calling. */
  static Future<Map<String, String>> finished(Vertx vertx, UUID campaign) {
    Promise<Map<String, String>> done = Promise.promise();
    vertx.setPeriodic(50, id -> storage.pool().preparedQuery("SELECT phone, state, outcome, attempts FROM notify_call "
        + "WHERE campaign_id=$1").execute(Tuple.of(campaign)).onSuccess(rows -> {
          Map<String, String> byPhone = new HashMap<>();
          boolean open = false;
          for (Row r : rows) {
            open |= r.getString("state").equals("PENDING") || r.getString("state").equals("CALLING");
            byPhone.put(r.getString("phone"), r.getString("state") + " " + r.getString("outcome") + " "
                + r.getInteger("attempts"));
          }
          if (!open) {
            vertx.cancelTimer(id);
            done.tryComplete(byPhone);
          }
        }));
    return done.future().timeout(60, TimeUnit.SECONDS);
  }

  /** The notify script on an answered call: the message played to the person (recorded as the script does). */
  static Function<OriginateRequest, Future<Void>> listens(PgCallOutbox calls) {
    return request -> calls.find(Long.parseLong(request.variables().get(VoiceDialler.CALL_VARIABLE)))
        .compose(call -> calls.played(call.orElseThrow(), 1, false));
  }

  /** Completes once the journal holds {@code n} {@code notify.voice.completed} entries of the campaign. */
  static Future<Void> completedEntries(Vertx vertx, UUID campaign, long n) {
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(50, id -> storage.pool().preparedQuery("SELECT count(*) AS n FROM journal WHERE "
            + "type='notify.voice.completed' AND data->>'campaign'=$1").execute(Tuple.of(campaign.toString()))
        .onSuccess(rows -> {
          if (rows.iterator().next().getLong("n") >= n) {
            vertx.cancelTimer(id);
            done.tryComplete();
          }
        }));
    return done.future().timeout(30, TimeUnit.SECONDS);
  }

  @Test
  void diallerPacesCallsRetriesUnreachedNumbersAndRecordsEachOutcome(Vertx vertx) throws Exception {
    List<Candidate> customers = landlines(1000, 12);
    UUID campaign = campaign(customers);
    FakePbx pbx = new FakePbx(vertx, 30);
    pbx.whileUp = listens(new PgCallOutbox(storage.pool()));
    pbx.script(customers.get(0).phone(), Outcome.BUSY, Outcome.ANSWERED);
    pbx.script(customers.get(1).phone(), Outcome.NO_ANSWER, Outcome.NO_ANSWER, Outcome.NO_ANSWER);
    pbx.script(customers.get(2).phone(), Outcome.FAILED, Outcome.CONGESTION, Outcome.BUSY);
    VoiceDialler dialler = new VoiceDialler(vertx, pbx, new PgCallOutbox(storage.pool()),
        new VoicePolicy(5, 2, 3, Duration.ofMillis(50)), "+4780000000", Duration.ofSeconds(30), Duration.ofMillis(20),
        Clock.systemUTC());
    dialler.start();
    Map<String, String> calls = await(finished(vertx, campaign));
    await(completedEntries(vertx, campaign, 9 + 2 + 3 + 3));
    dialler.stop();

    assertThat(calls).hasSize(12)
        .containsEntry(customers.get(0).phone(), "DONE ANSWERED 2")
        .containsEntry(customers.get(1).phone(), "FAILED NO_ANSWER 3")
        .containsEntry(customers.get(2).phone(), "FAILED BUSY 3")
        .containsEntry(customers.get(5).phone(), "DONE ANSWERED 1");
    assertThat(pbx.maxInProgress()).isEqualTo(3);
    assertThat(pbx.originated()).allSatisfy(r -> {
      assertThat(r.target().context()).isEqualTo(Contexts.NOTIFY);
      assertThat(r.variables()).containsKey(VoiceDialler.CALL_VARIABLE);
    });
    long journaled = await(storage.pool().preparedQuery("SELECT count(*) AS n FROM journal WHERE "
        + "type='notify.voice.completed' AND data->>'campaign'=$1 AND phone LIKE '+4722%'")
        .execute(Tuple.of(campaign.toString()))).iterator().next().getLong("n");
    assertThat(journaled).isEqualTo(9 + 2 + 3 + 3);
  }

  @Test
  void inboundTrafficAboveItsReserveLeavesFewerOutboundChannels(Vertx vertx) throws Exception {
    UUID campaign = campaign(landlines(2000, 6));
    FakePbx pbx = new FakePbx(vertx, 20);
    pbx.inbound = 4;
    pbx.whileUp = listens(new PgCallOutbox(storage.pool()));
    VoiceDialler dialler = new VoiceDialler(vertx, pbx, new PgCallOutbox(storage.pool()),
        new VoicePolicy(5, 2, 3, Duration.ofMillis(50)), "+4780000000", Duration.ofSeconds(30), Duration.ofMillis(10),
        Clock.systemUTC());
    dialler.start();
    await(finished(vertx, campaign));
    dialler.stop();
    assertThat(pbx.originated()).hasSize(6);
    assertThat(pbx.maxInProgress()).isEqualTo(1);
  }

  @Test
  void anAnsweredCallKeepsItsOutboundSlotUntilItsChannelIsGone(Vertx vertx) throws Exception {
    UUID campaign = campaign(landlines(4000, 4));
    FakePbx pbx = new FakePbx(vertx, 10);
    pbx.talkMillis = 300; // the message plays after the answer
    pbx.whileUp = listens(new PgCallOutbox(storage.pool()));
    VoiceDialler dialler = new VoiceDialler(vertx, pbx, new PgCallOutbox(storage.pool()),
        new VoicePolicy(3, 2, 3, Duration.ofMillis(50)), "+4780000000", Duration.ofSeconds(30), Duration.ofMillis(10),
        Clock.systemUTC());
    dialler.start();
    await(finished(vertx, campaign));
    dialler.stop();
    assertThat(pbx.originated()).hasSize(4);
    assertThat(pbx.maxInProgress()).as("3 channels, 2 kept for inbound").isEqualTo(1);
  }

  @Test
  void aCallAnsweredButHungUpBeforeTheMessageIsNotAnsweredAndIsRetriedOnce(Vertx vertx) throws Exception {
    List<Candidate> customers = landlines(5000, 2);
    String hangsUp = customers.get(0).phone();
    UUID campaign = campaign(customers);
    PgCallOutbox outbox = new PgCallOutbox(storage.pool());
    FakePbx pbx = new FakePbx(vertx, 10);
    Function<OriginateRequest, Future<Void>> listens = listens(outbox);
    // the first customer picks up and hangs up while AMD listens: the notify script never runs
    pbx.whileUp = request -> request.endpoint().address().equals(hangsUp) ? Future.succeededFuture()
        : listens.apply(request);
    VoiceDialler dialler = new VoiceDialler(vertx, pbx, outbox, new VoicePolicy(5, 2, 3, Duration.ofMillis(50)),
        "+4780000000", Duration.ofSeconds(30), Duration.ofMillis(20), Clock.systemUTC());
    dialler.start();
    Map<String, String> calls = await(finished(vertx, campaign));
    await(completedEntries(vertx, campaign, 3));
    dialler.stop();

    assertThat(calls)
        .containsEntry(hangsUp, "FAILED HUNG_UP_BEFORE_MESSAGE 2")
        .containsEntry(customers.get(1).phone(), "DONE ANSWERED 1");
    var completed = await(storage.pool().preparedQuery("SELECT phone, data FROM journal WHERE "
        + "type='notify.voice.completed' AND data->>'campaign'=$1 ORDER BY id").execute(Tuple.of(campaign.toString())));
    List<String> facts = new ArrayList<>();
    completed.forEach(r -> facts.add(r.getString("phone") + " " + r.getJsonObject("data").getString("outcome") + " "
        + r.getJsonObject("data").getBoolean("final")));
    assertThat(facts).containsExactlyInAnyOrder(hangsUp + " HUNG_UP_BEFORE_MESSAGE false",
        hangsUp + " HUNG_UP_BEFORE_MESSAGE true", customers.get(1).phone() + " ANSWERED true");
  }

  @Test
  void aPersonWhoHangsUpAfterHearingTheMessageWasInformedButNotOneWhoHangsUpDuringIt(Vertx vertx) throws Exception {
    List<Candidate> customers = landlines(6000, 2);
    UUID campaign = campaign(customers);
    PgCallOutbox calls = new PgCallOutbox(storage.pool());
    List<OutboxCall> claimed = await(calls.claim(2, Duration.ofMinutes(1)));
    NotifyScript script = new NotifyScript(calls, (text, lang) -> Future.succeededFuture("/var/tts/message"),
        Fixtures.templates()::repeatHint, 2);

    FakeSession heardIt = new FakeSession(Map.of(VoiceDialler.CALL_VARIABLE, String.valueOf(claimed.get(0).id()),
        "AMDSTATUS", "HUMAN"), "", FakeSession.HANG_UP);
    FakeSession leftDuringIt = new FakeSession(Map.of(VoiceDialler.CALL_VARIABLE, String.valueOf(claimed.get(1).id()),
        "AMDSTATUS", "HUMAN"), FakeSession.HANG_UP);
    await(script.run(heardIt));
    assertThat(await(script.run(leftDuringIt).map(false).otherwise(true))).as("the caller was gone before the message ended")
        .isTrue();
    assertThat(await(calls.answeredCallEnded(claimed.get(0), null))).isEqualTo(CallOutcome.ANSWERED);
    assertThat(await(calls.answeredCallEnded(claimed.get(1), null)))
        .isEqualTo(CallOutcome.HUNG_UP_BEFORE_MESSAGE);

    assertThat(heardIt.log).containsExactly("play /var/tts/message", "wait");
    Map<String, String> rows = new HashMap<>();
    await(storage.pool().preparedQuery("SELECT phone, state, outcome FROM notify_call WHERE campaign_id=$1")
        .execute(Tuple.of(campaign))).forEach(r -> rows.put(r.getString("phone"), r.getString("state") + " "
            + r.getString("outcome")));
    assertThat(rows).containsEntry(claimed.get(0).phone(), "DONE ANSWERED")
        .containsEntry(claimed.get(1).phone(), "FAILED HUNG_UP_BEFORE_MESSAGE");
  }

  @Test
  void notifyScriptPlaysTheMessageAgainOnOneAndLeavesItOnceOnAMachine(Vertx vertx) throws Exception {
    List<Candidate> customers = landlines(3000, 2);
    campaign(customers);
    PgCallOutbox calls = new PgCallOutbox(storage.pool());
    List<OutboxCall> claimed = await(calls.claim(2, Duration.ofMinutes(1)));
    List<String> spoken = new ArrayList<>();
    NotifyScript script = new NotifyScript(calls, (text, lang) -> {
      spoken.add(text);
      return Future.succeededFuture("/var/tts/" + Math.abs(text.hashCode()));
    }, Fixtures.templates()::repeatHint, 2);

    FakeSession person = new FakeSession(Map.of(VoiceDialler.CALL_VARIABLE, String.valueOf(claimed.get(0).id()),
        "AMDSTATUS", "HUMAN"), "1", "");
    FakeSession machine = new FakeSession(Map.of(VoiceDialler.CALL_VARIABLE, String.valueOf(claimed.get(1).id()),
        "AMDSTATUS", "MACHINE"));
    await(script.run(person));
    await(script.run(machine));

    assertThat(person.log).containsExactly("play /var/tts/" + Math.abs(spoken.get(0).hashCode()),
        "play /var/tts/" + Math.abs(spoken.get(0).hashCode()), "wait", "hangup");
    assertThat(spoken.get(0)).startsWith("This is your electricity company.").endsWith("Press 1 to hear this message again.");
    assertThat(machine.log).containsExactly("play /var/tts/" + Math.abs(spoken.get(1).hashCode()),
        "hangup");
    assertThat(spoken.get(1)).doesNotContain("Press 1");
    var played = await(storage.pool().preparedQuery("SELECT phone, data FROM journal WHERE type='notify.voice.played' "
        + "AND phone = ANY($1) ORDER BY id").execute(Tuple.of(new String[] {claimed.get(0).phone(),
            claimed.get(1).phone()})));
    List<String> facts = new ArrayList<>();
    played.forEach(r -> facts.add(r.getString("phone") + " " + r.getJsonObject("data").getInteger("times") + " "
        + r.getJsonObject("data").getBoolean("machine")));
    assertThat(facts).containsExactly(claimed.get(0).phone() + " 2 false", claimed.get(1).phone() + " 1 true");
  }
}
