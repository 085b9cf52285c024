package org.gridcare.pbx.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbx.domain.SpyMode;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AMI side against a scripted AMI server that answers as Asterisk 22 did in the captures. */
class AsteriskPbxTest {
  static final String SECRET = "dummysecret";
  /** The caller channel of ami-actions.txt as CoreShowChannel lists it. */
  static final String CALLER = """
      Channel: PJSIP/caller-0000000b\r
      ChannelState: 6\r
      ChannelStateDesc: Up\r
      CallerIDNum: 5551000\r
      CallerIDName: Customer\r
      ConnectedLineNum: <unknown>\r
      ConnectedLineName: <unknown>\r
      Language: en\r
      AccountCode: \r
      Context: from-caller\r
      Exten: 300\r
      Priority: 3\r
      Uniqueid: 1795478253.11\r
      Linkedid: 1795478253.11\r
      Application: MusicOnHold\r
      ApplicationData: default,90\r
      Duration: 00:00:01\r
      BridgeId: \r
      """;
  static final ChannelId CALLER_ID = new ChannelId("1795478253.11");

  Vertx vertx;
  ScriptedAmiServer ami;
  AsteriskGateway gateway;
  BlockingQueue<PbxEvent> events = new LinkedBlockingQueue<>();
  Set<String> threadsBefore;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    threadsBefore = Await.threadNames();
    ami = new ScriptedAmiServer(SECRET);
    ami.liveChannels = List.of(CALLER);
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      Await.result(gateway.close());
    }
    ami.close();
    Await.result(vertx.close());
  }

  PbxConfig config(Duration actionTimeout) {
    return new PbxConfig(PbxConfig.Mode.asterisk,
        new PbxConfig.Ami("127.0.0.1", ami.port(), "gridcare", null, actionTimeout, Duration.ofSeconds(30),
            Duration.ofSeconds(1)),
        new PbxConfig.Agi("127.0.0.1", 0, 10));
  }

  void startGateway(Duration actionTimeout) throws Exception {
    gateway = Await.result(AsteriskGateway.start(vertx, config(actionTimeout), SECRET));
    gateway.pbx().subscribe(events::add);
  }

  @Test
  void logsInWithTheMd5ChallengeAndReconcilesTheLiveChannels() throws Exception {
    startGateway(Duration.ofSeconds(2));

    assertThat(ami.loggedIn.take()).isEqualTo("gridcare");
    PbxEvent.PbxConnected connected = Await.event(events, PbxEvent.PbxConnected.class);
    assertThat(connected.channels()).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(CALLER_ID);
      assertThat(c.endpoint()).isEqualTo("PJSIP/caller");
      assertThat(c.state()).isEqualTo(ChannelState.UP);
      assertThat(c.callerNumber()).isEqualTo("5551000");
      assertThat(c.connectedNumber()).isNull();
      assertThat(c.location()).isEqualTo(new DialplanTarget("from-caller", "300", 3));
    });
    assertThat(gateway.status().connected()).isTrue();
  }

  @Test
  void aWrongSecretIsRetriedAndReportedAsNotConnected() throws Exception {
    gateway = Await.result(AsteriskGateway.start(vertx, config(Duration.ofSeconds(2)), "wrong"));

    assertThat(gateway.status().connected()).isFalse();
    assertThat(gateway.status().detail()).contains("cannot connect");
    ami.awaitAction("Login");
    ami.awaitAction("Login"); // retried with backoff
    Throwable e = Await.failure(gateway.pbx().hangUp(CALLER_ID, HangupCause.NORMAL_CLEARING));
    assertThat(((DomainException) e).id()).isEqualTo("pbx-unavailable");
  }

  @Test
  void commandsAddressTheChannelByItsAmiName() throws Exception {
    ami.handler = a -> "Response: Success\r\nActionID: ${ActionID}\r\nMessage: Redirect successful\r\n\r\n";
    startGateway(Duration.ofSeconds(2));
    Await.event(events, PbxEvent.PbxConnected.class);

    Await.result(gateway.pbx().redirect(CALLER_ID, DialplanTarget.of("cc-wait")));

    Map<String, String> redirect = ami.awaitAction("Redirect");
    assertThat(redirect).containsEntry("Channel", "PJSIP/caller-0000000b").containsEntry("Context", "cc-wait")
        .containsEntry("Exten", "s").containsEntry("Priority", "1");
  }

  @Test
  void anUnknownChannelFailsWithoutAskingThePbx() throws Exception {
    startGateway(Duration.ofSeconds(2));
    Await.event(events, PbxEvent.PbxConnected.class);

    Throwable e = Await.failure(gateway.pbx().hangUp(new ChannelId("1.999"), HangupCause.NORMAL_CLEARING));

    assertThat(((DomainException) e).id()).isEqualTo("no-such-channel");
    assertThat(((DomainException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(ami.actions.stream().map(a -> a.get("Action"))).doesNotContain("Hangup");
  }

  @Test
  void errorRepliesMapToStableErrorIds() throws Exception {
    ami.handler = a -> switch (a.get("Action")) {
      case "Hangup" -> "Response: Error\r\nActionID: ${ActionID}\r\nMessage: No such channel\r\n\r\n";
      case "StopMixMonitor" ->
          "Response: Error\r\nActionID: ${ActionID}\r\nMessage: Could not stop monitoring channel\r\n\r\n";
      default -> "";
    };
    startGateway(Duration.ofMillis(400));
    Await.event(events, PbxEvent.PbxConnected.class);

    DomainException gone = (DomainException) Await.failure(gateway.pbx().hangUp(CALLER_ID, HangupCause.NORMAL_CLEARING));
    DomainException rejected = (DomainException) Await.failure(gateway.pbx().stopRecording(CALLER_ID));
    DomainException silent = (DomainException) Await.failure(gateway.pbx().bridge(CALLER_ID, CALLER_ID));

    assertThat(gone.id()).isEqualTo("no-such-channel");
    assertThat(rejected.id()).isEqualTo("pbx-rejected");
    assertThat(rejected.getMessage()).contains("Could not stop monitoring channel");
    assertThat(silent.id()).isEqualTo("pbx-timeout");
    assertThat(silent.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(gateway.status().connected()).isTrue();
  }

  @Test
  void asyncOriginateCompletesWithTheOriginateResponseEvent() throws Exception {
    ami.handler = a -> !"Originate".equals(a.get("Action")) ? null : """
        Response: Success\r
        ActionID: ${ActionID}\r
        Message: Originate successfully queued\r
        \r
        Event: OriginateResponse\r
        Privilege: call,all\r
        ActionID: ${ActionID}\r
        Response: Success\r
        Channel: PJSIP/agent2-0000000c\r
        Context: agent-landing\r
        Exten: s\r
        Reason: 4\r
        Uniqueid: 1795478256.12\r
        CallerIDNum: 5559999\r
        CallerIDName: Outbound Campaign\r
        \r
        """;
    startGateway(Duration.ofSeconds(2));

    OriginateResult result = Await.result(gateway.pbx().originate(new OriginateRequest(
        Endpoint.device("PJSIP/agent2"), DialplanTarget.of("agent-landing"), "5559999", "Outbound Campaign",
        Map.of("CC_WHISPER", "line-1"), Duration.ofSeconds(20))));

    assertThat(result.answered()).isTrue();
    assertThat(result.channel()).isEqualTo(new ChannelId("1795478256.12"));
    Map<String, String> sent = ami.awaitAction("Originate");
    assertThat(sent).containsEntry("Channel", "PJSIP/agent2").containsEntry("Async", "true")
        .containsEntry("Context", "agent-landing").containsEntry("Timeout", "20000")
        .containsEntry("Variable", "CC_WHISPER=line-1");
  }

  @Test
  void aFailedOriginateSaysWhy() throws Exception {
    ami.handler = a -> !"Originate".equals(a.get("Action")) ? null : """
        Response: Success\r
        ActionID: ${ActionID}\r
        Message: Originate successfully queued\r
        \r
        Event: OriginateResponse\r
        Privilege: call,all\r
        ActionID: ${ActionID}\r
        Response: Failure\r
        Channel: PJSIP/op1001\r
        Context: cc-operator\r
        Exten: s\r
        Reason: 5\r
        Uniqueid: <unknown>\r
        CallerIDNum: <unknown>\r
        CallerIDName: <unknown>\r
        \r
        """;
    startGateway(Duration.ofSeconds(2));

    OriginateResult result = Await.result(gateway.pbx().originate(new OriginateRequest(
        Endpoint.device("PJSIP/op1001"), DialplanTarget.of("cc-operator"), null, null, Map.of(), null)));

    assertThat(result.outcome()).isEqualTo(OriginateResult.Outcome.BUSY);
    assertThat(result.channel()).isNull();
  }

  @Test
  void spyOriginatesTheSupervisorIntoCcSpyWithTheTargetChannelName() throws Exception {
    ami.handler = a -> "Response: Error\r\nActionID: ${ActionID}\r\nMessage: Originate failed\r\n\r\n";
    startGateway(Duration.ofSeconds(2));
    Await.event(events, PbxEvent.PbxConnected.class);

    Throwable e = Await.failure(gateway.pbx().spy(Endpoint.device("PJSIP/sup1"), CALLER_ID, SpyMode.WHISPER));

    assertThat(((DomainException) e).id()).isEqualTo("pbx-rejected");
    Map<String, String> sent = ami.awaitAction("Originate");
    assertThat(sent).containsEntry("Channel", "PJSIP/sup1").containsEntry("Context", "cc-spy");
    assertThat(sent.get("__raw")).containsIgnoringCase("Variable: CC_SPY_TARGET=PJSIP/caller-0000000b")
        .containsIgnoringCase("Variable: CC_SPY_MODE=w");
  }

  @Test
  void garbageAndUnknownEventsOnTheSocketBreakNothing() throws Exception {
    ami.handler = a -> "Response: Success\r\nActionID: ${ActionID}\r\nMessage: Variable Set\r\n\r\n";
    startGateway(Duration.ofSeconds(2));
    Await.event(events, PbxEvent.PbxConnected.class);

    ami.push("this is not AMI\r\n\r\n");
    ami.push("Event: FooBarFromTheFuture\r\nPrivilege: call,all\r\nWhatever: 1\r\n\r\n");
    ami.push("Event: Hangup\r\nPrivilege: call,all\r\nChannel: PJSIP/caller-0000000b\r\nUniq");
    ami.push("ueid: 1795478253.11\r\nLinkedid: 1795478253.11\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n\r\n");

    PbxEvent.ChannelHungUp hungUp = Await.event(events, PbxEvent.ChannelHungUp.class);
    assertThat(hungUp.channel()).isEqualTo(CALLER_ID);
    assertThat(hungUp.cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    assertThat(gateway.status().connected()).isTrue();
  }

  @Test
  void aConnectionDroppedMidActionFailsTheActionAndReconnectsWithReconciliation() throws Exception {
    ami.handler = a -> ""; // never answers
    startGateway(Duration.ofSeconds(5));
    Await.event(events, PbxEvent.PbxConnected.class);
    ami.loggedIn.take();

    var pending = gateway.pbx().setVariable(CALLER_ID, "X", "1");
    ami.awaitAction("Setvar");
    ami.liveChannels = List.of(); // the PBX restarted: the caller is gone
    ami.dropConnections();

    DomainException e = (DomainException) Await.failure(pending);
    assertThat(e.id()).isEqualTo("pbx-unavailable");
    Await.event(events, PbxEvent.PbxDisconnected.class);
    assertThat(ami.loggedIn.take()).isEqualTo("gridcare");
    PbxEvent.PbxConnected again = Await.event(events, PbxEvent.PbxConnected.class);
    assertThat(again.channels()).isEmpty();
    assertThat(Await.result(gateway.pbx().activeChannels())).isEmpty();
    assertThat(((DomainException) Await.failure(gateway.pbx().redirect(CALLER_ID, DialplanTarget.of("cc-hold"))))
        .id()).isEqualTo("no-such-channel");
  }

  @Test
  void aSilentPbxIsDetectedByTheKeepAlivePing() throws Exception {
    gateway = Await.result(AsteriskGateway.start(vertx, new PbxConfig(PbxConfig.Mode.asterisk,
        new PbxConfig.Ami("127.0.0.1", ami.port(), "gridcare", null, Duration.ofMillis(300), Duration.ofMillis(200),
            Duration.ofSeconds(1)),
        new PbxConfig.Agi("127.0.0.1", 0, 10)), SECRET));
    gateway.pbx().subscribe(events::add);
    Await.event(events, PbxEvent.PbxConnected.class);
    ami.loggedIn.take();

    ami.answerPings = false;
    PbxEvent.PbxDisconnected lost = Await.event(events, PbxEvent.PbxDisconnected.class);
    ami.answerPings = true;

    assertThat(lost.reason()).contains("ping");
    assertThat(ami.loggedIn.take()).isEqualTo("gridcare");
    Await.event(events, PbxEvent.PbxConnected.class);
  }

  @Test
  void closeLeavesNoThreadBehind() throws Exception {
    startGateway(Duration.ofSeconds(2));
    Await.event(events, PbxEvent.PbxConnected.class);
    Await.result(gateway.pbx().activeChannels());

    Await.result(gateway.close());
    gateway = null;

    assertThat(Await.threadsLeftOver(threadsBefore)).isEmpty();
    assertThat(ami.awaitAction("Logoff")).isNotNull();
  }
}
