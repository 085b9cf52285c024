package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.pbxsim.FastAgiWireTest.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the captured inbound call (ami-inbound-call.txt + fastagi-session.txt) on the simulator with the capture
 * lab's own dialplan and compares: the FastAGI replies, each channel's event sequence and every event's header
 * names and order. Events the simulator does not produce (VarSet noise, RTCPSent, DeviceStateChange,
 * QueueMemberStatus, Cdr, SoftHangupRequest of a dialplan hang-up) are left out of the comparison, as documented in
 * the module README.
 */
class CaptureReplayTest {
  private static final Set<String> COMPARED = Set.of("Newchannel", "Newexten", "Newstate", "AGIExecStart",
      "AGIExecEnd", "DTMFBegin", "DTMFEnd", "MixMonitorStart", "DialBegin", "DialState", "DialEnd",
      "NewConnectedLine", "BridgeCreate", "BridgeEnter", "BridgeLeave", "BridgeDestroy", "HangupRequest", "Hangup");
  @TempDir
  Path recordings;
  private Vertx vertx;
  private RawFastAgiServer agi;
  private PbxSimulator sim;
  private RawAmiClient ami;
  private final List<Map<String, String>> simFrames = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Path dialplan = Path.of(getClass().getResource("/captures/extensions.conf").toURI());
    vertx = Vertx.vertx();
    agi = new RawFastAgiServer();
    sim = await(PbxSimulator.start(vertx, SimulatorOptions.builder().amiCredentials("admin", "dummysecret")
        .dialplan(dialplan).agi("127.0.0.1", agi.port()).recordingsDir(recordings)
        .promptDuration(Duration.ofMillis(100)).build()));
    ami = new RawAmiClient(sim.amiPort());
    ami.login("admin", "dummysecret");
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
  void inboundIvrCallReplaysWithTheCapturedRepliesEventOrderAndHeaders() throws Exception {
    sim.phone("PJSIP/agent1").autoAnswer(true, Duration.ofMillis(150));
    SimCall call = sim.placeCallFrom("caller", "5551000", "Customer", "100");

    List<String> script = new ArrayList<>();
    List<String> capturedReplies = new ArrayList<>();
    for (CaptureTranscript.Record r : CaptureTranscript.read("fastagi-session.txt")) {
      if (r.direction().equals("AGI->AST")) {
        script.add(r.bytes().strip());
      } else if (r.direction().equals("AST->AGI") && r.bytes().startsWith("200")) {
        capturedReplies.add(normalise(r.bytes().strip()));
      }
    }
    List<String> replies = new ArrayList<>();
    try (RawFastAgiServer.Session ivr = agi.accept()) {
      for (String command : script) {
        Future<String> prompt = call.awaitNextPrompt();
        ivr.send(command);
        String digit = command.startsWith("STREAM FILE \"tt-monkeys\"") ? "#"
            : command.equals("GET DATA \"beep\" 10000 1") ? "5"
            : command.equals("WAIT FOR DIGIT 6000") ? "7" : null;
        if (digit != null) {
          if (command.startsWith("WAIT")) {
            collectUntil(f -> "AGIExecStart".equals(f.get("Event")) && command.equals(f.get("Command")));
          } else {
            await(prompt);
          }
          await(call.press(digit));
        }
        replies.add(normalise(ivr.reply()));
      }
    }
    assertThat(replies).containsExactlyElementsOf(capturedReplies);

    await(call.awaitState(CallState.BRIDGED));
    await(call.hangUp());
    // the two legs' Hangup events come in either order (as in Asterisk)
    Set<String> gone = new java.util.HashSet<>();
    collectUntil(f -> "Hangup".equals(f.get("Event")) && gone.add(f.get("Channel")) && gone.size() == 2);

    List<List<Map.Entry<String, String>>> captured = CaptureTranscript.frames("ami-inbound-call.txt", "S->C");
    Map<String, List<String>> expected = sequenceOfCapture(captured, "PJSIP/caller-0000000d", "PJSIP/agent1-");
    assertThat(expected.get("caller")).contains("Newexten(AGI)", "DTMFBegin", "Newexten(Dial)", "DialBegin",
        "BridgeEnter", "HangupRequest", "Hangup");
    assertThat(expected.get("callee")).contains("Newchannel", "Newstate", "BridgeEnter", "Hangup");
    assertThat(sequence(simFrames, call.channel(), "PJSIP/agent1-")).isEqualTo(expected);
    Map<String, List<String>> capturedKeys = new LinkedHashMap<>();
    for (List<Map.Entry<String, String>> f : captured) {
      String event = RawAmiFrames.get(f, "Event");
      if (event != null && COMPARED.contains(event)) {
        capturedKeys.putIfAbsent(event, List.copyOf(new LinkedHashSet<>(RawAmiFrames.keys(f))));
      }
    }
    Set<String> checked = new java.util.HashSet<>();
    for (Map<String, String> f : simFrames) {
      String event = f.get("Event");
      if (capturedKeys.containsKey(event)) {
        assertThat(List.copyOf(f.keySet())).as(event).isEqualTo(capturedKeys.get(event));
        checked.add(event);
      }
    }
    assertThat(checked).isEqualTo(capturedKeys.keySet());
  }

  private void collectUntil(Predicate<Map<String, String>> stop) throws Exception {
    simFrames.addAll(ami.readUntil(stop));
  }

  /** Per channel (caller, callee, bridge) the compared event names in order, with the Newexten application. */
  private static Map<String, List<String>> sequence(List<Map<String, String>> frames, String caller,
      String calleePrefix) {
    List<List<Map.Entry<String, String>>> asLists = new ArrayList<>();
    for (Map<String, String> f : frames) {
      asLists.add(List.copyOf(f.entrySet()));
    }
    return sequenceOfCapture(asLists, caller, calleePrefix);
  }

  private static Map<String, List<String>> sequenceOfCapture(List<List<Map.Entry<String, String>>> frames,
      String caller, String calleePrefix) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("caller", new ArrayList<>());
    out.put("callee", new ArrayList<>());
    out.put("bridge", new ArrayList<>());
    for (List<Map.Entry<String, String>> f : frames) {
      String event = RawAmiFrames.get(f, "Event");
      if (event == null || !COMPARED.contains(event)) {
        continue;
      }
      String channel = RawAmiFrames.get(f, "Channel");
      String label = event.equals("Newexten") ? event + "(" + RawAmiFrames.get(f, "Application") + ")" : event;
      if (channel == null) {
        out.get("bridge").add(label);
      } else if (channel.equals(caller)) {
        out.get("caller").add(label);
      } else if (channel.startsWith(calleePrefix)) {
        out.get("callee").add(label);
      }
    }
    return out;
  }

  private static String normalise(String reply) {
    return reply.replaceAll("endpos=\\d+", "endpos=N").replaceAll("PJSIP/caller-[0-9a-f]{8}", "PJSIP/caller-X");
  }
}
