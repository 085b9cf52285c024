package org.gridcare.pbx.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.MusicOnHoldStopEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.PbxEvent;
import org.junit.jupiter.api.Test;

/** Translation rules from AMI events to domain events, one rule per test. */
class AmiEventTranslatorTest {
  final List<PbxEvent> out = new ArrayList<>();
  final AmiEventTranslator translator = new AmiEventTranslator(out::add, c -> {});

  static NewChannelEvent newChannel(String name, String uniqueId, String linkedId, String context, String exten) {
    NewChannelEvent e = new NewChannelEvent(AmiEventTranslatorTest.class);
    e.setChannel(name);
    e.setUniqueId(uniqueId);
    e.setLinkedid(linkedId);
    e.setContext(context);
    e.setExten(exten);
    e.setPriority(1);
    e.setChannelState(4);
    e.setCallerIdNum("5551000");
    e.setConnectedLineNum("<unknown>");
    return e;
  }

  static NewExtenEvent exten(String name, String uniqueId, String context, String exten, int priority) {
    NewExtenEvent e = new NewExtenEvent(AmiEventTranslatorTest.class);
    e.setChannel(name);
    e.setUniqueId(uniqueId);
    e.setContext(context);
    e.setExten(exten);
    e.setPriority(priority);
    e.setApplication("NoOp");
    return e;
  }

  @Test
  void theFirstStepInCcInboundIsTheCallsArrivalAndHappensOnce() {
    translator.onEvent(newChannel("PJSIP/trunk-00000001", "10.1", "10.1", "cc-inbound", "08001234"));
    translator.onEvent(exten("PJSIP/trunk-00000001", "10.1", "cc-inbound", "08001234", 1));
    translator.onEvent(exten("PJSIP/trunk-00000001", "10.1", "cc-inbound", "08001234", 2));

    assertThat(out).hasSize(2);
    PbxEvent.CallArrived arrived = (PbxEvent.CallArrived) out.get(1);
    assertThat(arrived.call()).isEqualTo(new CallId("10.1"));
    assertThat(arrived.dialled()).isEqualTo("08001234");
    assertThat(arrived.callerNumber()).isEqualTo("5551000");
  }

  @Test
  void aRedirectIsATransferButAnOriginatedLegEnteringItsTargetIsNot() {
    translator.onEvent(newChannel("PJSIP/caller-0000000b", "20.1", "20.1", "from-caller", "300"));
    translator.onEvent(exten("PJSIP/caller-0000000b", "20.1", "from-caller", "300", 1));
    translator.onEvent(exten("PJSIP/caller-0000000b", "20.1", "from-caller", "300", 3));
    translator.onEvent(newChannel("PJSIP/op1001-0000000c", "20.2", "20.2", "from-agent", "s"));
    translator.onEvent(exten("PJSIP/op1001-0000000c", "20.2", "cc-operator", "s", 1));
    out.clear();

    translator.onEvent(exten("PJSIP/caller-0000000b", "20.1", "redirect-target", "500", 1));
    translator.onEvent(exten("PJSIP/caller-0000000b", "20.1", "redirect-target", "500", 2));
    translator.onEvent(exten("PJSIP/caller-0000000b", "20.1", "from-caller", "h", 1));

    assertThat(out).singleElement().isEqualTo(new PbxEvent.ChannelTransferred(out.get(0).at(), new CallId("20.1"),
        new ChannelId("20.1"), new DialplanTarget("redirect-target", "500", 1)));
  }

  @Test
  void stateChangesBecomeRingingAndAnswered() {
    translator.onEvent(newChannel("PJSIP/op1001-0000000e", "30.2", "30.1", "from-agent", "s"));
    for (int state : new int[] {5, 6}) {
      NewStateEvent e = new NewStateEvent(this);
      e.setChannel("PJSIP/op1001-0000000e");
      e.setUniqueId("30.2");
      e.setChannelState(state);
      translator.onEvent(e);
    }

    assertThat(out).map(e -> e.getClass().getSimpleName())
        .containsExactly("ChannelCreated", "ChannelRinging", "ChannelAnswered");
    assertThat(out).allSatisfy(e -> assertThat(e.call()).isEqualTo(new CallId("30.1")));
    assertThat(translator.snapshot()).singleElement().extracting(c -> c.state()).isEqualTo(ChannelState.UP);
  }

  @Test
  void onlyReceivedDigitsCount() {
    for (String direction : new String[] {"Sent", "Received"}) {
      DtmfEndEvent e = new DtmfEndEvent(this);
      e.setUniqueId("40.1");
      e.setChannel("PJSIP/caller-00000001");
      e.setDigit("5");
      e.setDirection(direction);
      translator.onEvent(e);
    }

    assertThat(out).singleElement().isInstanceOfSatisfying(PbxEvent.DtmfReceived.class,
        d -> assertThat(d.digit()).isEqualTo('5'));
  }

  @Test
  void musicOnHoldIsHoldAndResume() {
    MusicOnHoldStartEvent start = new MusicOnHoldStartEvent(this);
    start.setUniqueId("50.1");
    MusicOnHoldStopEvent stop = new MusicOnHoldStopEvent(this);
    stop.setUniqueId("50.1");
    translator.onEvent(start);
    translator.onEvent(stop);

    assertThat(out).map(e -> e.getClass().getSimpleName()).containsExactly("ChannelHeld", "ChannelResumed");
  }

  @Test
  void chanSpyNamesSpyerAndSpyee() {
    ChanSpyStartEvent e = new ChanSpyStartEvent(this);
    e.setSpyerUniqueId("60.9");
    e.setSpyerLinkedId("60.9");
    e.setSpyeeUniqueId("60.2");
    translator.onEvent(e);

    assertThat(out).singleElement().isEqualTo(new PbxEvent.SpyStarted(out.get(0).at(), new CallId("60.9"),
        new ChannelId("60.9"), new ChannelId("60.2")));
  }

  @Test
  void eventsRacingAReconciliationAreReplayedAfterTheSnapshot() {
    translator.reconciling();
    HangupEvent hangup = new HangupEvent(this);
    hangup.setUniqueId("70.1");
    hangup.setLinkedId("70.1");
    hangup.setCause(16);
    hangup.setCauseTxt("Normal Clearing");
    translator.onEvent(hangup);
    assertThat(out).isEmpty();

    CoreShowChannelEvent item = new CoreShowChannelEvent(this);
    item.setChannel("PJSIP/caller-00000001");
    item.setUniqueid("70.1");
    item.setLinkedid("70.1");
    item.setChannelState(6);
    item.setContext("cc-wait");
    item.setExten("s");
    item.setPriority(2);
    item.setDuration("00:01:05");
    Instant now = Instant.parse("2026-11-25T20:00:00Z");
    translator.reconciled(List.of(item), now);

    assertThat(out).map(e -> e.getClass().getSimpleName()).containsExactly("PbxConnected", "ChannelHungUp");
    PbxEvent.PbxConnected connected = (PbxEvent.PbxConnected) out.get(0);
    assertThat(connected.channels()).singleElement().satisfies(c -> {
      assertThat(c.createdAt()).isEqualTo(now.minusSeconds(65));
      assertThat(c.location()).isEqualTo(new DialplanTarget("cc-wait", "s", 2));
    });
    assertThat(translator.snapshot()).isEmpty();
  }

  @Test
  void aHangupRequestIsSignalledBeforeTheHangupItself() {
    List<ChannelId> requested = new ArrayList<>();
    AmiEventTranslator signalling = new AmiEventTranslator(out::add, requested::add);
    HangupRequestEvent request = new HangupRequestEvent(this);
    request.setUniqueId("80.1");
    signalling.onEvent(request);

    assertThat(requested).containsExactly(new ChannelId("80.1"));
    assertThat(out).isEmpty();
  }

  @Test
  void channelNamesMapToTheirDevice() {
    assertThat(AmiEventTranslator.endpointOf("PJSIP/op1001-0000000a")).isEqualTo("PJSIP/op1001");
    assertThat(AmiEventTranslator.endpointOf("PJSIP/trunk-in-0000000a")).isEqualTo("PJSIP/trunk-in");
    assertThat(AmiEventTranslator.endpointOf("Local/100@cc-wait-0000001f;2")).isEqualTo("Local/100@cc-wait");
    assertThat(AmiEventTranslator.endpointOf("PJSIP/op1001")).isEqualTo("PJSIP/op1001");
  }
}
