package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.domain.NotReadyReason;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.StateChange;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** The ACD use cases against real Redis and PostgreSQL and a fake PBX, on the shipped configuration. */
@RealServers
class AcdTest extends AcdHarness {
  @Test
  void theReadyOperatorIsRungWithAWhisperAndBridgedToTheCaller(Vertx vertx) throws Exception {
    java.util.concurrent.CompletableFuture<io.vertx.core.json.JsonObject> screenPop = new java.util.concurrent.CompletableFuture<>();
    vertx.eventBus().<io.vertx.core.json.JsonObject>consumer(AcdEvents.SCREEN_POP, m -> screenPop.complete(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    ready("op1001");
    await(acd.enqueue(new QueueRequest("call-1", "caller-1", "outage", null, null, null, 0, "cust-9", "T-3")));

    FakePbx.Ring ring = pbx.nextRing();
    assertThat(ring.endpoint()).isEqualTo("PJSIP/op1001");
    assertThat(ring.request().target().context()).isEqualTo("cc-operator");
    assertThat(ring.request().variables()).containsEntry("CC_WHISPER", "outage");
    assertThat(ring.request().ringTimeout()).isEqualTo(CONFIG.acd().ringNoAnswer());
    assertThat(status("op1001").state()).isEqualTo(OperatorState.RESERVED);

    ChannelId operatorChannel = ring.answer();
    assertThat(pbx.next("bridge").args()).containsExactly("caller-1", operatorChannel.value());
    JournalEntry answered = journal.await("acd.call.answered", "call-1");
    assertThat(answered.operatorId()).isEqualTo("op1001");
    assertThat(answered.line()).isEqualTo(1);
    assertThat(status("op1001").state()).isEqualTo(OperatorState.ON_CALL);
    assertThat(journal.written()).extracting(JournalEntry::type)
        .contains("acd.call.queued", "acd.call.offered", "acd.call.answered");
    assertThat(meters.timer("acd.queue.wait", "line", "1", "outcome", "answered").count()).isEqualTo(1);
    var buckets = meters.timer("acd.queue.wait", "line", "1", "outcome", "answered").takeSnapshot().histogramCounts();
    assertThat(buckets).as("the line's 20 s service level is a bucket").singleElement()
        .satisfies(b -> assertThat(b.bucket(TimeUnit.SECONDS)).isEqualTo(20.0))
        .satisfies(b -> assertThat(b.count()).isEqualTo(1.0));
    assertThat(screenPop.get(5, TimeUnit.SECONDS).getMap()).containsEntry("operatorId", "op1001")
        .containsEntry("callId", "call-1").containsEntry("customerId", "cust-9").containsEntry("ticketId", "T-3");

    List<String> states = new ArrayList<>();
    for (Row r : await(storage.pool().query(
        "SELECT to_state FROM acd_operator_state_change WHERE operator_id = 'op1001' ORDER BY id").execute())) {
      states.add(r.getString("to_state"));
    }
    assertThat(states).containsExactly("not-ready", "ready", "reserved", "on-call");
    long journalled = await(storage.pool().query("SELECT count(*) FROM journal WHERE type = 'acd.operator.state-changed'"
        + " AND operator_id = 'op1001' AND data->>'to' = 'on-call' AND call_id = 'call-1'").execute())
        .iterator().next().getLong(0);
    assertThat(journalled).isEqualTo(1);
  }

  @Test
  void anOperatorWhoHangsUpWrapsUpForTheLineTimeThenIsReadyAgain() throws Exception {
    ready("op1001");
    ChannelId operatorChannel = connect("call-1", "caller-1");

    pbx.hangUpFromFarEnd(operatorChannel.value());
    JournalEntry completed = journal.await("acd.call.completed", "call-1");
    assertThat(completed.data()).containsEntry("wrapUpMs", 30_000L).containsEntry("survey", false);
    assertThat(meters.timer("acd.call.handle", "line", "1").totalTime(TimeUnit.SECONDS)).isEqualTo(30.0);
    assertThat(pbx.next("hangUp").args()).containsExactly("caller-1");
    OperatorStatus wrapping = status("op1001");
    assertThat(wrapping.state()).isEqualTo(OperatorState.WRAP_UP);
    assertThat(wrapping.wrapUpUntil()).isEqualTo(T0.plusSeconds(30));

    await(acd.endWrapUps());
    assertThat(status("op1001").state()).as("wrap-up is not over yet").isEqualTo(OperatorState.WRAP_UP);
    clock.advance(Duration.ofSeconds(30));
    await(acd.endWrapUps());
    assertThat(status("op1001").state()).isEqualTo(OperatorState.READY);
  }

  @Test
  void aCallerWhoseLineOffersTheSurveyStaysOnWhenTheOperatorHangsUpAndKnowsWhoTheyTalkedTo() throws Exception {
    ready("op1001");
    pbx.variable("caller-1", "CC_SURVEY", "yes");
    ChannelId operatorChannel = connect("call-1", "caller-1");
    assertThat(pbx.getVariable(new ChannelId("caller-1"), "CC_OPERATOR").result()).contains("op1001");

    pbx.hangUpFromFarEnd(operatorChannel.value());
    JournalEntry completed = journal.await("acd.call.completed", "call-1");
    assertThat(completed.data()).containsEntry("survey", true);
    assertThat(status("op1001").state()).isEqualTo(OperatorState.WRAP_UP);
    assertThat(pbx.commandsSoFar()).as("the dialplan takes the caller to cc-survey: not hung up")
        .noneMatch(c -> c.name().equals("hangUp"));
  }

  @Test
  void theCallerHangingUpDuringTheConversationEndsTheOperatorsLegToo() throws Exception {
    ready("op1001");
    ChannelId operatorChannel = connect("call-1", "caller-1");
    pbx.hangUpFromFarEnd("caller-1");
    assertThat(pbx.next("hangUp").args()).containsExactly(operatorChannel.value());
    journal.await("acd.call.completed", "call-1");
    assertThat(status("op1001").state()).isEqualTo(OperatorState.WRAP_UP);
  }

  @Test
  void ringNoAnswerSetsTheOperatorNotReadyAndOffersTheCallToTheNext() throws Exception {
    ready("op1001");
    clock.advance(Duration.ofSeconds(5));
    ready("op1002");
    await(acd.enqueue(QueueRequest.of("call-1", "caller-1", "outage")));

    FakePbx.Ring first = pbx.nextRing();
    assertThat(first.endpoint()).as("longest idle first").isEqualTo("PJSIP/op1001");
    first.noAnswer();
    FakePbx.Ring second = pbx.nextRing();
    assertThat(second.endpoint()).isEqualTo("PJSIP/op1002");

    OperatorStatus missed = status("op1001");
    assertThat(missed.state()).isEqualTo(OperatorState.NOT_READY);
    assertThat(missed.reason()).isEqualTo(NotReadyReason.NO_ANSWER);
    assertThat(journal.await("acd.call.requeued", "call-1").operatorId()).isEqualTo("op1001");
  }

  @Test
  void aSoftphoneThatHangsUpAsItAnswersIsRingNoAnswerAndTheCallerKeepsWaiting(Vertx vertx) throws Exception {
    ready("op1001");
    clock.advance(Duration.ofSeconds(5));
    ready("op1002");
    await(acd.enqueue(QueueRequest.of("call-1", "caller-1", "outage")));
    FakePbx.Ring first = pbx.nextRing();
    ChannelId gone = new ChannelId("op-hung-up-at-answer");
    // its hang-up was handled (here: by another instance) before this one registered the operator's leg
    await(new org.gridcare.acd.redis.RedisAcdState(vertx, storage.redis()).hungUp(gone.value()));
    first.answer(gone);

    assertThat(journal.await("acd.call.requeued", "call-1").data()).containsEntry("outcome", "hung-up");
    assertThat(pbx.nextRing().endpoint()).isEqualTo("PJSIP/op1002");
    assertThat(status("op1001").state()).isEqualTo(OperatorState.NOT_READY);
    assertThat(journal.written()).noneMatch(e -> e.type().equals("acd.call.abandoned"));
    assertThat(pbx.commandsSoFar()).noneMatch(c -> c.name().equals("bridge") || c.name().equals("hangUp"));
  }

  @Test
  void aCallerWhoHangsUpWhileWaitingIsRecordedAsAbandonedWithTheWait() throws Exception {
    ready("op3001");
    await(acd.enqueue(QueueRequest.of("call-1", "caller-1", "metering")));
    clock.advance(Duration.ofSeconds(42));
    pbx.hangUpFromFarEnd("caller-1");

    JournalEntry abandoned = journal.await("acd.call.abandoned", "call-1");
    assertThat(abandoned.data()).containsEntry("waitedMs", 42_000L);
    assertThat(await(acd.waiting())).isEmpty();
    assertThat(meters.timer("acd.queue.wait", "line", "2", "outcome", "abandoned").totalTime(TimeUnit.SECONDS))
        .isEqualTo(42.0);
    assertThat(pbx.rang()).as("op3001 works line 3 only").isFalse();
  }

  @Test
  void aCallerWhoLeavesWhileTheOperatorRingsIsAbandonedAndTheOperatorFreed() throws Exception {
    ready("op1001");
    await(acd.enqueue(QueueRequest.of("call-1", "caller-1", "outage")));
    FakePbx.Ring ring = pbx.nextRing();
    pbx.hangUpFromFarEnd("caller-1");
    assertThat(journal.await("acd.call.abandoned", "call-1").operatorId()).isEqualTo("op1001");

    ChannelId late = ring.answer();
    assertThat(pbx.next("hangUp").args()).containsExactly(late.value());
    StateChange freed = history.await(c -> c.operatorId().equals("op1001") && c.from() == OperatorState.RESERVED);
    assertThat(freed.to()).isEqualTo(OperatorState.READY);
    assertThat(status("op1001").idleSince()).as("keeps the place in the idle order").isEqualTo(T0);
  }

  @Test
  void anUnstaffedLineOverflowsToTheOtherCentre() throws Exception {
    await(acd.enqueue(QueueRequest.of("call-1", "caller-1", "outage")));
    assertThat(pbx.next("setVariable").args()).containsExactly("caller-1", "CC_DIAL_NUMBER", "+4722000111");
    assertThat(pbx.next("redirect").args()).containsExactly("caller-1", "cc-dial-out");
    JournalEntry overflowed = journal.await("acd.call.overflowed", "call-1");
    assertThat(overflowed.data()).containsEntry("destination", "Northern branch call centre");
    assertThat(await(acd.waiting())).isEmpty();
  }

  @Test
  void emergencyModeOverflowsAsSoonAsEveryoneIsBusy() throws Exception {
    ready("op1001");
    connect("call-1", "caller-1");
    await(acd.setEmergency(true, "sup1"));
    await(acd.enqueue(QueueRequest.of("call-2", "caller-2", "outage")));
    journal.await("acd.call.overflowed", "call-2");
    assertThat(journal.await("acd.emergency.switched", null).data()).containsEntry("on", true);
  }

  @Test
  void withoutEmergencyABriefWaitStaysInTheQueue() throws Exception {
    ready("op1001");
    connect("call-1", "caller-1");
    await(acd.enqueue(QueueRequest.of("call-2", "caller-2", "outage")));
    await(acd.dispatch());
    assertThat(await(acd.waiting())).extracting(c -> c.callId()).containsExactly("call-2");
  }

  @Test
  void badRequestsAreRefusedWithStableIds() throws Exception {
    assertThat(failure(acd.enqueue(QueueRequest.of("c", "ch", "gardening"))).id()).isEqualTo("unknown-topic");
    assertThat(failure(acd.login("nobody", null)).id()).isEqualTo("no-such-operator");
    assertThat(failure(acd.ready("op1001")).id()).isEqualTo("operator-logged-out");
    await(acd.login("op1001", null));
    assertThat(failure(acd.notReady("op1001", "nap")).id()).isEqualTo("unknown-not-ready-reason");
    assertThatThrownBy(() -> QueueRequest.of("c", " ", "outage")).isInstanceOf(DomainException.class);
    await(acd.enqueue(QueueRequest.of("c", "ch", "metering")));
    assertThat(failure(acd.enqueue(QueueRequest.of("c", "ch", "metering"))).id()).isEqualTo("call-already-queued");
  }

  @Test
  void theWaitScriptLearnsThePlaceTheEstimateAndWhenToOfferACallback() throws Exception {
    ready("op2001");
    await(acd.enqueue(QueueRequest.of("m0", "m0-chan", "grid-connection")));
    pbx.nextRing().answer();
    journal.await("acd.call.answered", "m0");
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    await(acd.enqueue(QueueRequest.of("m2", "m2-chan", "metering")));

    QueuePlace second = await(acd.place("m2")).orElseThrow();
    assertThat(second.position()).isEqualTo(1);
    assertThat(second.estimatedWait()).contains(Duration.ofSeconds(360));
    assertThat(second.callbackOffered()).isFalse();
    clock.advance(CONFIG.acd().callbackOfferAfter());
    assertThat(await(acd.place("m2")).orElseThrow().callbackOffered()).isTrue();
    assertThat(await(acd.place("m0"))).as("answered, not waiting").isEmpty();
  }
}
