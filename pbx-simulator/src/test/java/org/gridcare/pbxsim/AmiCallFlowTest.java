package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.pbxsim.FastAgiWireTest.await;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls driven over AMI as the server drives them: originate, bridge, hold, recording, hang-up; event order. */
class AmiCallFlowTest {
  private static final String USER = "contact-centre";
  private static final String SECRET = "s3cret";
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
        .agi("127.0.0.1", agi.port()).recordingsDir(recordings).promptDuration(Duration.ofMillis(100)).build()));
    ami = new RawAmiClient(sim.amiPort());
    ami.login(USER, SECRET);
    ami.readUntil(f -> "SuccessfulAuth".equals(f.get("Event")));
  }

  @AfterEach
  void stop() throws Exception {
    ami.close();
    await(sim.close());
    agi.close();
    await(vertx.close());
  }

  @Test
  void asyncOriginateEmitsTheCapturedEventOrderAndRunsTheOperatorContext() throws Exception {
    SimPhone op = sim.phone("PJSIP/op1001").autoAnswer(true);
    ami.send("Action: Originate\r\nActionID: orig-1\r\nChannel: PJSIP/op1001\r\nContext: cc-operator\r\n"
        + "Exten: s\r\nPriority: 1\r\nCallerID: \"Gridcare\" <80012345>\r\nTimeout: 20000\r\n"
        + "Variable: CC_WHISPER=whisper-billing\r\nAsync: true\r\n\r\n");
    List<Map<String, String>> frames = ami.readUntil(f -> "OriginateResponse".equals(f.get("Event")));
    assertThat(frames.get(0)).containsEntry("Response", "Success").containsEntry("ActionID", "orig-1")
        .containsEntry("Message", "Originate successfully queued");
    List<String> names = frames.stream().skip(1).map(f -> f.get("Event"))
        .filter(e -> !e.equals("VarSet")).toList();
    assertThat(names).containsExactly("Newchannel", "Newexten", "NewCallerid", "NewConnectedLine", "DialBegin",
        "Newstate", "DialState", "Newstate", "DialEnd", "Newexten", "Newexten", "Newexten", "OriginateResponse");
    Map<String, String> newchannel = frames.get(1);
    assertThat(newchannel.get("Channel")).matches("PJSIP/op1001-[0-9a-f]{8}");
    assertThat(newchannel).containsEntry("ChannelState", "0").containsEntry("ChannelStateDesc", "Down")
        .containsEntry("CallerIDNum", "1001").containsEntry("Context", "cc-no-direct-dial")
        .containsEntry("Exten", "s");
    Map<String, String> dialBegin = frames.stream().filter(f -> "DialBegin".equals(f.get("Event"))).findFirst()
        .orElseThrow();
    assertThat(dialBegin).doesNotContainKey("Channel").containsEntry("DestChannel", newchannel.get("Channel"))
        .containsEntry("DialString", "op1001");
    Map<String, String> response = frames.get(frames.size() - 1);
    assertThat(response).containsEntry("ActionID", "orig-1").containsEntry("Response", "Success")
        .containsEntry("Channel", newchannel.get("Channel")).containsEntry("Context", "cc-operator")
        .containsEntry("Exten", "s").containsEntry("Reason", "4")
        .containsEntry("Uniqueid", newchannel.get("Uniqueid")).containsEntry("CallerIDNum", "80012345")
        .containsEntry("CallerIDName", "Gridcare");
    assertThat(List.copyOf(response.keySet())).containsExactly("Event", "Privilege", "ActionID", "Response",
        "Channel", "Context", "Exten", "Reason", "Uniqueid", "CallerIDNum", "CallerIDName");
    SimCall operatorLeg = op.currentCall().orElseThrow();
    assertThat(await(operatorLeg.awaitPrompt("whisper-billing"))).isEqualTo("whisper-billing");
  }

  @Test
  void confBridgeMixesEveryoneInTheRoomUntilTheLastLeaves() throws Exception {
    sim.phone("PJSIP/op1001").autoAnswer(true);
    sim.external("+4799887766").autoAnswer(true);
    ami.send("Action: Originate\r\nActionID: a\r\nChannel: PJSIP/op1001\r\nContext: cc-conference\r\nExten: s\r\n"
        + "Priority: 1\r\nVariable: CC_CONF_ROOM=room-1\r\nAsync: true\r\n\r\n");
    Map<String, String> first = ami.readUntil(f -> "ConfbridgeJoin".equals(f.get("Event"))).stream()
        .filter(f -> "ConfbridgeJoin".equals(f.get("Event"))).findFirst().orElseThrow();
    assertThat(first).containsEntry("Conference", "room-1").containsEntry("BridgeType", "base")
        .containsEntry("BridgeTechnology", "softmix").containsEntry("BridgeCreator", "ConfBridge")
        .containsEntry("BridgeName", "room-1").containsEntry("BridgeNumChannels", "1").containsEntry("Admin", "No")
        .containsEntry("Muted", "No").containsKeys("Channel", "Uniqueid", "Linkedid");
    ami.send("Action: Originate\r\nActionID: b\r\nChannel: PJSIP/+4799887766@trunk\r\nContext: cc-conference\r\n"
        + "Exten: s\r\nPriority: 1\r\nVariable: CC_CONF_ROOM=room-1\r\nAsync: true\r\n\r\n");
    Map<String, String> second = ami.readUntil(f -> "ConfbridgeJoin".equals(f.get("Event"))).stream()
        .filter(f -> "ConfbridgeJoin".equals(f.get("Event"))).findFirst().orElseThrow();
    assertThat(second).containsEntry("BridgeNumChannels", "2").containsEntry("BridgeUniqueid", first.get("BridgeUniqueid"));
    assertThat(await(sim.conference("room-1"))).containsExactly(first.get("Channel"), second.get("Channel"));

    // a member hanging up leaves; the others stay in the room
    await(sim.phone("PJSIP/op1001").hangUp());
    assertThat(ami.readUntil(f -> "ConfbridgeLeave".equals(f.get("Event"))).stream()
        .filter(f -> "ConfbridgeLeave".equals(f.get("Event"))).findFirst().orElseThrow())
        .containsEntry("Channel", first.get("Channel")).containsEntry("Conference", "room-1");
    assertThat(await(sim.conference("room-1"))).containsExactly(second.get("Channel"));
    // the last one redirected out: the room ends
    ami.send("Action: Redirect\r\nActionID: r\r\nChannel: " + second.get("Channel") + "\r\nContext: cc-hold\r\n"
        + "Exten: s\r\nPriority: 1\r\n\r\n");
    List<String> end = ami.readUntil(f -> "BridgeDestroy".equals(f.get("Event"))).stream().map(f -> f.get("Event"))
        .filter(e -> e != null && (e.startsWith("Confbridge") || e.startsWith("Bridge"))).toList();
    assertThat(end).containsExactly("BridgeLeave", "ConfbridgeLeave", "ConfbridgeEnd", "BridgeDestroy");
    await(sim.external("+4799887766").currentCall().orElseThrow().awaitMusicOnHold(true));
    assertThat(await(sim.conference("room-1"))).isEmpty();
  }

  @Test
  void originateToAPhoneThatRejectsFailsWithReasonBusy() throws Exception {
    sim.phone("PJSIP/op2001").onRinging(call -> sim.phone("op2001").reject());
    ami.send("Action: Originate\r\nActionID: o\r\nChannel: PJSIP/op2001\r\nContext: cc-operator\r\nExten: s\r\n"
        + "Priority: 1\r\nAsync: true\r\n\r\n");
    List<Map<String, String>> frames = ami.readUntil(f -> "OriginateResponse".equals(f.get("Event")));
    assertThat(frames.get(frames.size() - 1)).containsEntry("Response", "Failure").containsEntry("Reason", "5")
        .containsEntry("Uniqueid", "<unknown>");
    assertThat(frames).anySatisfy(f -> assertThat(f).containsEntry("Event", "Hangup").containsEntry("Cause", "17"));
  }

  @Test
  void callerBridgedToOperatorRecordedHeldAndHungUp() throws Exception {
    SimCall caller = sim.placeCall("+46701234567", "80012345");
    try (RawFastAgiServer.Session ivr = agi.accept()) {
      assertThat(ivr.command("SET VARIABLE \"CC_NEXT\" \"wait\"")).isEqualTo("200 result=1");
    }
    RawFastAgiServer.Session wait = agi.accept();
    sim.phone("op1001").autoAnswer(true);
    ami.send("Action: Originate\r\nActionID: op\r\nChannel: PJSIP/op1001\r\nContext: cc-operator\r\nExten: s\r\n"
        + "Priority: 1\r\nAsync: true\r\n\r\n");
    String operator = ami.readUntil(f -> "OriginateResponse".equals(f.get("Event"))).stream()
        .filter(f -> "OriginateResponse".equals(f.get("Event"))).findFirst().orElseThrow().get("Channel");

    ami.send("Action: Bridge\r\nActionID: br\r\nChannel1: " + caller.channel() + "\r\nChannel2: " + operator
        + "\r\nTone: no\r\n\r\n");
    List<Map<String, String>> bridged = ami.readUntil(f -> "BridgeEnter".equals(f.get("Event"))
        && operator.equals(f.get("Channel")));
    assertThat(bridged).anySatisfy(f -> assertThat(f).containsEntry("ActionID", "br")
        .containsEntry("Message", "Channels have been bridged"));
    assertThat(bridged.stream().map(f -> f.get("Event")).filter(e -> e != null && e.startsWith("Bridge")))
        .containsExactly("BridgeCreate", "BridgeEnter", "BridgeEnter");
    assertThat(wait.reply()).isEqualTo("HANGUP");
    wait.close();
    await(caller.awaitState(CallState.BRIDGED));

    ami.send("Action: MixMonitor\r\nActionID: mm\r\nChannel: " + caller.channel() + "\r\nFile: calls/c1.wav\r\n"
        + "Options: b\r\n\r\n");
    List<Map<String, String>> started = ami.readUntil(f -> "MixMonitorStart".equals(f.get("Event")));
    assertThat(started).anySatisfy(f -> assertThat(f).containsEntry("Variable", "MIXMONITOR_FILENAME")
        .containsEntry("Value", recordings.resolve("calls/c1.wav").toAbsolutePath().toString()));
    assertThat(started).anySatisfy(f -> assertThat(f.keySet()).containsExactly("Response", "ActionID"));

    ami.send("Action: Redirect\r\nActionID: hold\r\nChannel: " + caller.channel() + "\r\nContext: cc-hold\r\n"
        + "Exten: s\r\nPriority: 1\r\n\r\n");
    List<Map<String, String>> held = ami.readUntil(f -> "MusicOnHoldStart".equals(f.get("Event")));
    assertThat(held).anySatisfy(f -> assertThat(f).containsEntry("Message", "Redirect successful"));
    assertThat(held).anySatisfy(f -> assertThat(f).containsEntry("Event", "BridgeLeave")
        .containsEntry("Channel", caller.channel()));
    await(caller.awaitMusicOnHold(true));

    ami.send("Action: Bridge\r\nActionID: unhold\r\nChannel1: " + caller.channel() + "\r\nChannel2: " + operator
        + "\r\n\r\n");
    ami.readUntil(f -> "MusicOnHoldStop".equals(f.get("Event")));
    await(caller.awaitState(CallState.BRIDGED));

    ami.send("Action: MixMonitorMute\r\nActionID: mute\r\nChannel: " + caller.channel()
        + "\r\nDirection: both\r\nState: 1\r\n\r\n");
    assertThat(ami.readUntil(f -> "mute".equals(f.get("ActionID"))).get(0)).isNotNull();
    ami.send("Action: StopMixMonitor\r\nActionID: stop\r\nChannel: " + caller.channel() + "\r\n\r\n");
    ami.readUntil(f -> "stop".equals(f.get("ActionID")));
    byte[] wav = Files.readAllBytes(recordings.resolve("calls/c1.wav"));
    assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
    assertThat(new String(wav, 8, 4)).isEqualTo("WAVE");
    assertThat(wav.length).isGreaterThan(44);
    javax.sound.sampled.AudioFormat format = javax.sound.sampled.AudioSystem
        .getAudioFileFormat(recordings.resolve("calls/c1.wav").toFile()).getFormat();
    assertThat(format.getEncoding()).isEqualTo(javax.sound.sampled.AudioFormat.Encoding.PCM_SIGNED);
    assertThat(format.getSampleRate()).isEqualTo(8000f);
    assertThat(format.getSampleSizeInBits()).isEqualTo(16);
    assertThat(format.getChannels()).isEqualTo(1);
    assertThat(format.isBigEndian()).isFalse();

    await(sim.phone("op1001").hangUp());
    List<Map<String, String>> end = ami.readUntil(f -> "Hangup".equals(f.get("Event"))
        && caller.channel().equals(f.get("Channel")));
    assertThat(end).anySatisfy(f -> assertThat(f).containsEntry("Event", "BridgeDestroy"));
    assertThat(end.get(end.size() - 1)).containsEntry("Cause", "16").containsEntry("Cause-txt", "Normal Clearing");
    await(caller.awaitState(CallState.HUNG_UP));
  }

  @Test
  void hangupActionAndRedirectToNowhereEndCallsAsCaptured() throws Exception {
    SimCall caller = sim.placeCall("5551000", "80012345");
    try (RawFastAgiServer.Session ivr = agi.accept()) {
      ami.send("Action: Redirect\r\nActionID: nowhere\r\nChannel: " + caller.channel()
          + "\r\nContext: no-such-context\r\nExten: 500\r\nPriority: 1\r\n\r\n");
      assertThat(ami.readUntil(f -> "nowhere".equals(f.get("ActionID"))).get(0)).isNotNull();
      assertThat(ivr.reply()).isEqualTo("HANGUP");
    }
    List<Map<String, String>> frames = ami.readUntil(f -> "Hangup".equals(f.get("Event")));
    assertThat(frames).anySatisfy(f -> assertThat(f).containsEntry("Event", "SoftHangupRequest")
        .containsEntry("Cause", "16"));
    assertThat(frames.get(frames.size() - 1)).containsEntry("Cause", "0").containsEntry("Cause-txt", "Unknown");

    SimCall second = sim.placeCall("5551000", "80012345");
    RawFastAgiServer.Session ivr2 = agi.accept();
    ami.send("Action: Hangup\r\nActionID: h\r\nChannel: " + second.channel() + "\r\nCause: 16\r\n\r\n");
    List<Map<String, String>> hung = ami.readUntil(f -> "SoftHangupRequest".equals(f.get("Event")));
    assertThat(hung.get(hung.size() - 2)).containsEntry("Response", "Success").containsEntry("Message",
        "Channel Hungup");
    assertThat(ivr2.reply()).isEqualTo("HANGUP");
    ivr2.close();
    await(second.awaitState(CallState.HUNG_UP));
    assertThat(await(sim.channels())).isEmpty();
  }
}
