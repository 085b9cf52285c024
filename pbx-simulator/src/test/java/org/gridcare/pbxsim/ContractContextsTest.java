package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.pbxsim.FastAgiWireTest.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gridcare.pbxsim.engine.Greeting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contexts the server originates into (click-to-call, spy, notify) and AMI reconnects. */
class ContractContextsTest {
  private static final String USER = "contact-centre";
  private static final String SECRET = "pw";
  @TempDir
  Path recordings;
  private Vertx vertx;
  private RawFastAgiServer agi;
  private PbxSimulator sim;
  private RawAmiClient ami;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    agi = new RawFastAgiServer();
    sim = await(PbxSimulator.start(vertx, SimulatorOptions.builder().amiCredentials(USER, SECRET)
        .agi("127.0.0.1", agi.port()).recordingsDir(recordings).promptDuration(Duration.ofMillis(50))
        .externalAnswerDelay(Duration.ofMillis(20)).build()));
    ami = new RawAmiClient(sim.amiPort());
    ami.login(USER, SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    ami.close();
    await(sim.close());
    agi.close();
    await(vertx.close());
  }

  @Test
  void clickToCallDialsTheCustomerThroughTheTrunkAndBridges() throws Exception {
    sim.phone("op1001").autoAnswer(true);
    ami.send("Action: Originate\r\nActionID: c2c\r\nChannel: PJSIP/op1001\r\nContext: cc-dial-out\r\nExten: s\r\n"
        + "Priority: 1\r\nVariable: CC_DIAL_NUMBER=+46701234567\r\nAsync: true\r\n\r\n");
    List<Map<String, String>> frames = ami.readUntil(f -> "BridgeEnter".equals(f.get("Event"))
        && f.get("Channel").startsWith("PJSIP/op1001-"));
    Map<String, String> dialBegin = frames.stream()
        .filter(f -> "DialBegin".equals(f.get("Event")) && f.containsKey("Channel")).findFirst().orElseThrow();
    assertThat(dialBegin.get("Channel")).startsWith("PJSIP/op1001-");
    assertThat(dialBegin.get("DestChannel")).startsWith("PJSIP/trunk-");
    assertThat(dialBegin).containsEntry("DialString", "+46701234567@trunk");
    assertThat(dialBegin.get("DestLinkedid")).isEqualTo(dialBegin.get("Linkedid"));
    SimCall customer = sim.external("+46701234567").currentCall().orElseThrow();
    await(customer.awaitState(CallState.BRIDGED));

    SimCall operator = sim.phone("op1001").currentCall().orElseThrow();
    await(operator.hold());
    Map<String, String> hold = last(ami.readUntil(f -> "Hold".equals(f.get("Event"))));
    assertThat(hold).containsEntry("Channel", operator.channel()).containsEntry("MusicOnHoldClass", "default");
    await(customer.awaitMusicOnHold(true));
    await(operator.unhold());
    ami.readUntil(f -> "Unhold".equals(f.get("Event")));
    await(customer.awaitMusicOnHold(false));

    await(customer.hangUp());
    List<Map<String, String>> end = ami.readUntil(f -> "Hangup".equals(f.get("Event"))
        && f.get("Channel").startsWith("PJSIP/op1001-"));
    assertThat(end).anySatisfy(f -> assertThat(f).containsEntry("Event", "HangupRequest")
        .containsEntry("Cause", "16"));
    assertThat(await(sim.channels())).isEmpty();
  }

  @Test
  void supervisorSpiesOnAnOperatorLeg() throws Exception {
    sim.phone("op1001").autoAnswer(true);
    ami.send("Action: Originate\r\nActionID: op\r\nChannel: PJSIP/op1001\r\nContext: cc-operator\r\nExten: s\r\n"
        + "Priority: 1\r\nAsync: true\r\n\r\n");
    String operator = ami.readUntil(f -> "OriginateResponse".equals(f.get("Event"))).stream()
        .filter(f -> "OriginateResponse".equals(f.get("Event"))).findFirst().orElseThrow().get("Channel");
    sim.phone("sup1").autoAnswer(true);
    ami.send("Action: Originate\r\nActionID: spy\r\nChannel: PJSIP/sup1\r\nContext: cc-spy\r\nExten: s\r\n"
        + "Priority: 1\r\nVariable: CC_SPY_TARGET=" + operator + "\r\nVariable: CC_SPY_MODE=w\r\n"
        + "Async: true\r\n\r\n");
    Map<String, String> start = last(ami.readUntil(f -> "ChanSpyStart".equals(f.get("Event"))));
    assertThat(start.get("SpyerChannel")).startsWith("PJSIP/sup1-");
    assertThat(start).containsEntry("SpyeeChannel", operator);
    SimCall supervisor = sim.phone("sup1").currentCall().orElseThrow();

    await(sim.phone("op1001").hangUp());
    Map<String, String> stop = last(ami.readUntil(f -> "ChanSpyStop".equals(f.get("Event"))));
    assertThat(stop.get("SpyerChannel")).startsWith("PJSIP/sup1-");
    await(supervisor.awaitState(CallState.HUNG_UP));
  }

  @Test
  void originateWithAnApplicationRunsItAndHangsUpAfterwards() throws Exception {
    sim.phone("op1001").autoAnswer(true);
    ami.send("Action: Originate\r\nActionID: op\r\nChannel: PJSIP/op1001\r\nContext: cc-operator\r\nExten: s\r\n"
        + "Priority: 1\r\nAsync: true\r\n\r\n");
    String operator = last(ami.readUntil(f -> "OriginateResponse".equals(f.get("Event")))).get("Channel");
    sim.phone("sup1").autoAnswer(true);
    ami.send("Action: Originate\r\nActionID: app\r\nChannel: PJSIP/sup1\r\nApplication: ChanSpy\r\n"
        + "Data: " + operator + ",qB\r\nAsync: true\r\n\r\n");
    // the application starts before OriginateResponse goes out; Asterisk orders the two either way
    List<Map<String, String>> frames = ami.readUntil(f -> "OriginateResponse".equals(f.get("Event"))
        && "app".equals(f.get("ActionID")));
    assertThat(last(frames)).containsEntry("Response", "Success").containsEntry("Context", "")
        .containsEntry("Exten", "");
    assertThat(frames).anySatisfy(f -> assertThat(f).containsEntry("Event", "ChanSpyStart")
        .containsEntry("SpyeeChannel", operator));
    SimCall supervisor = sim.phone("sup1").currentCall().orElseThrow();
    await(supervisor.hangUp());
    Map<String, String> stop = last(ami.readUntil(f -> "ChanSpyStop".equals(f.get("Event"))));
    assertThat(stop).containsEntry("SpyeeChannel", operator);
    await(supervisor.awaitState(CallState.HUNG_UP));
  }

  @Test
  void callerAbandonsWhenNobodyTakesTheCallInTime() throws Exception {
    SimCall caller = sim.placeCall("5551000", "80012345").abandonAfter(Duration.ofMillis(200));
    RawFastAgiServer.Session ivr = agi.accept();
    assertThat(ivr.reply()).isEqualTo("HANGUP");
    ivr.close();
    await(caller.awaitState(CallState.HUNG_UP));
  }

  @Test
  void notificationCallRunsTheNotifyScriptAndRecordsTheAnswer() throws Exception {
    ami.send("Action: Originate\r\nActionID: n\r\nChannel: PJSIP/+46701234567@trunk\r\nContext: cc-notify\r\n"
        + "Exten: s\r\nPriority: 1\r\nCallerID: \"Gridcare\" <80012345>\r\nAsync: true\r\n\r\n");
    try (RawFastAgiServer.Session notify = agi.accept()) {
      assertThat(notify.env).containsEntry("agi_network_script", "notify").containsEntry("agi_context", "cc-notify");
      SimCall customer = sim.external("+46701234567").currentCall().orElseThrow();
      customer.speakFor(Duration.ofMillis(100));
      assertThat(notify.command("RECORD FILE \"survey/answer-1\" \"wav\" \"#\" 5000 BEEP s=1"))
          .matches("200 result=0 \\(timeout\\) endpos=\\d+");
      assertThat(customer.prompts()).contains("beep");
      byte[] wav = Files.readAllBytes(recordings.resolve("survey/answer-1.wav"));
      assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
      notify.send("RECORD FILE \"survey/answer-2\" \"wav\" \"#\" 5000");
      await(customer.press("#"));
      assertThat(notify.reply()).matches("200 result=35 \\(dtmf\\) endpos=\\d+");
      assertThat(notify.command("HANGUP")).isEqualTo("200 result=1");
      assertThat(notify.reply()).isEqualTo("HANGUP");
    }
    await(sim.external("+46701234567").currentCall().map(c -> c.awaitState(CallState.HUNG_UP))
        .orElse(io.vertx.core.Future.succeededFuture()));
  }

  @Test
  void answeringMachineDetectionTellsTheNotifyScriptWhoAnswered() throws Exception {
    sim.external("+4722000001").answeredBy(Greeting.PERSON, Duration.ofMillis(20));
    sim.external("+4722000002").answeredBy(Greeting.MACHINE, Duration.ofMillis(20));
    for (String number : List.of("+4722000001", "+4722000002")) {
      ami.send("Action: Originate\r\nActionID: " + number + "\r\nChannel: PJSIP/" + number + "@trunk\r\n"
          + "Context: cc-notify\r\nExten: s\r\nPriority: 1\r\nAsync: true\r\n\r\n");
      long started = System.nanoTime();
      try (RawFastAgiServer.Session notify = agi.accept()) {
        long listened = Duration.ofNanos(System.nanoTime() - started).toMillis();
        boolean person = number.endsWith("1");
        assertThat(notify.command("GET VARIABLE AMDSTATUS"))
            .isEqualTo(person ? "200 result=1 (HUMAN)" : "200 result=1 (MACHINE)");
        assertThat(notify.command("GET VARIABLE AMDCAUSE"))
            .isEqualTo(person ? "200 result=1 (HUMAN-800-800)" : "200 result=1 (LONGGREETING-1500-1500)");
        // the detector listens as long as Asterisk's would before the script starts
        assertThat(listened).isGreaterThanOrEqualTo(person ? 1400 : 1660);
        assertThat(notify.command("HANGUP")).isEqualTo("200 result=1");
      }
    }
  }

  @Test
  void aPartyHangingUpDuringDetectionEndsItWithStatusHangup() throws Exception {
    SimPhone phone = sim.external("+4722000003").answeredBy(Greeting.PERSON, Duration.ofMillis(20));
    phone.onRinging(call -> call.awaitState(CallState.UP).onSuccess(v -> call.hangUp()));
    ami.send("Action: Originate\r\nActionID: h\r\nChannel: PJSIP/+4722000003@trunk\r\nContext: cc-notify\r\n"
        + "Exten: s\r\nPriority: 1\r\nAsync: true\r\n\r\n");
    List<Map<String, String>> frames = ami.readUntil(f -> "Hangup".equals(f.get("Event")));
    assertThat(frames).anySatisfy(f -> assertThat(f).containsEntry("Event", "VarSet")
        .containsEntry("Variable", "AMDSTATUS").containsEntry("Value", "HANGUP"));
    assertThat(frames).noneSatisfy(f -> assertThat(f).containsEntry("Event", "AGIExecStart"));
  }

  @Test
  void droppedAmiConnectionsCanReconnectAndSeeTheLiveChannels() throws Exception {
    sim.placeCall("5551000", "80012345");
    RawFastAgiServer.Session ivr = agi.accept();
    await(sim.dropAmiConnections());
    assertThat(ami.drainUntilClosed()).isTrue();
    try (RawAmiClient again = new RawAmiClient(sim.amiPort())) {
      again.readLine();
      again.send("Action: Login\r\nUsername: " + USER + "\r\nSecret: " + SECRET + "\r\nEvents: off\r\n\r\n");
      again.readFrame();
      again.send("Action: CoreShowChannels\r\nActionID: csc\r\n\r\n");
      List<Map<String, String>> list = again.readUntil(f -> "CoreShowChannelsComplete".equals(f.get("Event")));
      assertThat(last(list)).containsEntry("ListItems", "1");
      assertThat(list.get(1)).containsEntry("Application", "AGI").containsEntry("Context", "cc-inbound");
    }
    ivr.close();
  }

  private static Map<String, String> last(List<Map<String, String>> frames) {
    return frames.get(frames.size() - 1);
  }
}
