package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** Queue views, re-prioritising, transfers and escalation, business hours, recovery. */
@RealServers
class AcdSupervisionTest extends AcdHarness {

  private List<String> waitingIds() throws Exception {
    return await(acd.waiting()).stream().map(WaitingCall::callId).toList();
  }

  @Test
  void theQueueViewShowsOrderWaitsEstimatesAndOperatorsPerLine() throws Exception {
    ready("op2001");
    await(acd.login("op2002", null));
    await(acd.enqueue(QueueRequest.of("m0", "m0-chan", "grid-connection")));
    pbx.nextRing().answer();
    journal.await("acd.call.answered", "m0");
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    clock.advance(Duration.ofSeconds(10));
    await(acd.enqueue(QueueRequest.of("m2", "m2-chan", "metering")));
    clock.advance(Duration.ofSeconds(5));

    QueueSnapshot line2 = await(acd.queues()).stream().filter(q -> q.line() == 2).findFirst().orElseThrow();
    assertThat(line2.open()).isTrue();
    assertThat(line2.calls()).extracting(q -> q.call().callId()).containsExactly("m1", "m2");
    assertThat(line2.longestWait()).isEqualTo(Duration.ofSeconds(15));
    // one operator staffs metering on line 2 (op2001, busy), none free: m2 is second: 2 * 180 s / 1
    assertThat(line2.calls().get(1).estimatedWait()).contains(Duration.ofSeconds(360));
    assertThat(line2.operators()).containsEntry(OperatorState.ON_CALL, 1L).containsEntry(OperatorState.NOT_READY, 1L);
  }

  @Test
  void aSupervisorCanMoveACallUpTheQueue() throws Exception {
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    clock.advance(Duration.ofSeconds(10));
    await(acd.enqueue(QueueRequest.of("m2", "m2-chan", "metering")));
    assertThat(waitingIds()).containsExactly("m1", "m2");
    await(acd.reprioritise("m2", 50, "sup1"));
    assertThat(waitingIds()).containsExactly("m2", "m1");
    assertThat(journal.await("acd.call.reprioritised", "m2").data()).containsEntry("to", 50).containsEntry("by", "sup1");
    assertThat(failure(acd.reprioritise("nope", 1, "sup1")).id()).isEqualTo("call-not-waiting");
  }

  @Test
  void aWaitingCallMovedToAnotherLineKeepsItsWaitAndTicket() throws Exception {
    await(acd.enqueue(new QueueRequest("m1", "m1-chan", "metering", null, null, null, 0, "cust-1", "T-1")));
    clock.advance(Duration.ofSeconds(30));
    WaitingCall moved = await(acd.transfer("m1", "escalation", null, "sup1"));
    assertThat(moved.line()).isEqualTo(3);
    assertThat(moved.ticketId()).isEqualTo("T-1");
    assertThat(moved.enqueuedAt()).isEqualTo(T0);
    assertThat(journal.await("acd.call.transferred", "m1").data()).containsEntry("fromLine", 2).containsEntry("ticket", "T-1");
  }

  @Test
  void anOperatorEscalatesACallToLineThreeKeepingTheTicket() throws Exception {
    ready("op1001");
    ChannelId operatorChannel = connect("call-1", "caller-1");
    clock.advance(Duration.ofSeconds(90));

    WaitingCall escalated = await(acd.transfer("call-1", "escalation", "T-77", "op1001"));
    assertThat(escalated.line()).isEqualTo(3);
    assertThat(pbx.next("redirect").args()).containsExactly("caller-1", "cc-wait");
    assertThat(pbx.next("hangUp").args()).containsExactly(operatorChannel.value());
    assertThat(status("op1001").state()).isEqualTo(OperatorState.WRAP_UP);
    JournalEntry e = journal.await("acd.call.escalated", "call-1");
    assertThat(e.data()).containsEntry("ticket", "T-77").containsEntry("fromLine", 1).containsEntry("talkMs", 90_000L);
    assertThat(journal.written()).noneMatch(x -> x.type().equals("acd.call.completed"));

    ready("op3001");
    FakePbx.Ring ring = pbx.nextRing();
    assertThat(ring.endpoint()).isEqualTo("PJSIP/op3001");
    assertThat(ring.request().variables()).containsEntry("CC_WHISPER", "escalation");
  }

  @Test
  void aReleasedCallLeavesTheAcdWithoutAnyoneBeingHungUp() throws Exception {
    ready("op1001");
    ChannelId operatorChannel = connect("call-1", "caller-1");
    clock.advance(Duration.ofSeconds(30));

    LiveCall released = await(acd.release("call-1", "op1001"));
    assertThat(released.operatorChannel()).isEqualTo(operatorChannel.value());
    assertThat(status("op1001").state()).isEqualTo(OperatorState.WRAP_UP);
    assertThat(journal.await("acd.call.released", "call-1").data()).containsEntry("by", "op1001")
        .containsEntry("talkMs", 30_000L);
    assertThat(await(acd.operatorOf("call-1"))).isEmpty();

    // both legs end later (the desktop handed the caller on): not the ACD's business any more. A waiting caller's
    // hang-up heard after them shows the ACD has handled them.
    pbx.hangUpFromFarEnd(operatorChannel.value());
    pbx.hangUpFromFarEnd("caller-1");
    await(acd.enqueue(QueueRequest.of("m9", "m9-chan", "metering")));
    pbx.hangUpFromFarEnd("m9-chan");
    journal.await("acd.call.abandoned", "m9");
    assertThat(pbx.commandsSoFar()).noneMatch(c -> c.name().equals("hangUp"));
    assertThat(journal.written()).noneMatch(x -> x.type().equals("acd.call.completed"));
    assertThat(failure(acd.release("call-1", "op1001")).id()).isEqualTo("no-such-call");
  }

  @Test
  void aClosedLineTakesNoCalls() throws Exception {
    clock.advance(Duration.ofDays(2)); // Saturday: line 2 is closed, line 1 always open
    assertThat(acd.isOpen(2)).isFalse();
    assertThat(acd.isOpen(1)).isTrue();
    assertThat(failure(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering"))).id()).isEqualTo("line-closed");
  }

  @Test
  void afterAReconnectCallersWhoLeftMeanwhileAreClosedAsAbandoned() throws Exception {
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    await(acd.enqueue(QueueRequest.of("m2", "m2-chan", "metering")));
    await(acd.reconcile(Set.of("m2-chan")));
    assertThat(journal.await("acd.call.abandoned", "m1")).isNotNull();
    assertThat(waitingIds()).containsExactly("m2");
  }

  @Test
  void anOfferLeftRingingByADeadInstanceGoesBackToTheQueue() throws Exception {
    ready("op1001");
    await(acd.enqueue(QueueRequest.of("call-1", "caller-1", "outage")));
    pbx.nextRing(); // never answered: its instance "died"
    clock.advance(Duration.ofSeconds(41));
    await(acd.recoverStaleOffers());
    assertThat(history.await(c -> c.operatorId().equals("op1001") && c.from() == OperatorState.RESERVED).to())
        .isEqualTo(OperatorState.READY);
    assertThat(pbx.nextRing().endpoint()).as("offered again").isEqualTo("PJSIP/op1001");
  }
}
