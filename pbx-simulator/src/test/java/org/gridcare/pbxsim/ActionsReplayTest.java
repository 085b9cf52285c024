package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.pbxsim.FastAgiWireTest.await;

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
 * Sends the client side of ami-actions.txt (a caller on hold, an async Originate, recording, variables, redirects,
 * every failing action, hang-ups) to the simulator running the capture lab's dialplan, and compares each response
 * (Response, field names and order, Message) and the header names of every event type both produced. Queue actions
 * and the CLI Command are skipped: queues are not simulated and CLI output is free text.
 */
class ActionsReplayTest {
  private static final String CAPTURED_CALLER = "PJSIP/caller-0000000b";
  private static final String CAPTURED_AGENT = "PJSIP/agent2-0000000c";
  @TempDir
  Path recordings;
  private Vertx vertx;
  private PbxSimulator sim;
  private RawAmiClient ami;
  private final List<Map<String, String>> simFrames = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = await(PbxSimulator.start(vertx, SimulatorOptions.builder().amiCredentials("admin", "dummysecret")
        .dialplan(Path.of(getClass().getResource("/captures/extensions.conf").toURI()))
        .recordingsDir(recordings).promptDuration(Duration.ofMillis(50)).build()));
    ami = new RawAmiClient(sim.amiPort());
    assertThat(ami.readLine()).isEqualTo("Asterisk Call Manager/11.0.0\r\n");
  }

  @AfterEach
  void stop() throws Exception {
    ami.close();
    await(sim.close());
    await(vertx.close());
  }

  @Test
  void capturedActionsGetTheCapturedResponsesAndEventShapes() throws Exception {
    SimCall caller = sim.placeCallFrom("caller", "5551000", "Customer", "300");
    await(caller.awaitMusicOnHold(true));
    sim.phone("PJSIP/agent2").autoAnswer(true, Duration.ofMillis(50));

    List<List<Map.Entry<String, String>>> captured = CaptureTranscript.frames("ami-actions.txt", "S->C");
    Map<String, List<Map.Entry<String, String>>> capturedResponses = new LinkedHashMap<>();
    for (List<Map.Entry<String, String>> f : captured) {
      if (RawAmiFrames.get(f, "Event") == null && RawAmiFrames.get(f, "ActionID") != null) {
        capturedResponses.put(RawAmiFrames.get(f, "ActionID"), f);
      }
    }
    String agent = null;
    int compared = 0;
    for (List<Map.Entry<String, String>> action : CaptureTranscript.frames("ami-actions.txt", "C->S")) {
      String name = RawAmiFrames.get(action, "Action");
      String id = RawAmiFrames.get(action, "ActionID");
      if (name.startsWith("Queue") || name.equals("Command")) {
        continue;
      }
      StringBuilder raw = new StringBuilder();
      for (Map.Entry<String, String> e : action) {
        String value = e.getValue().replace(CAPTURED_CALLER, caller.channel());
        raw.append(e.getKey()).append(": ").append(agent == null ? value : value.replace(CAPTURED_AGENT, agent))
            .append("\r\n");
      }
      ami.send(raw.append("\r\n").toString());
      Map<String, String> response = last(collectUntil(f -> !f.containsKey("Event") && id.equals(f.get("ActionID"))));
      List<Map.Entry<String, String>> expected = capturedResponses.get(id);
      assertThat(response.get("Response")).as(id).isEqualTo(RawAmiFrames.get(expected, "Response"));
      assertThat(List.copyOf(response.keySet())).as(id)
          .isEqualTo(List.copyOf(new LinkedHashSet<>(RawAmiFrames.keys(expected))));
      String message = RawAmiFrames.get(expected, "Message");
      if (message != null) {
        assertThat(response.get("Message")).as(id).isEqualTo(message);
      }
      compared++;
      if ("start".equals(response.get("EventList"))) {
        collectUntil(f -> f.containsKey("EventList") && f.containsKey("Event") && id.equals(f.get("ActionID")));
      }
      if (name.equals("Originate") && "true".equals(RawAmiFrames.get(action, "Async"))) {
        Map<String, String> originated = last(collectUntil(f -> "OriginateResponse".equals(f.get("Event"))
            && id.equals(f.get("ActionID"))));
        if ("Success".equals(originated.get("Response"))) {
          agent = originated.get("Channel");
        }
      }
      if (id.equals("redirect-badctx-27")) {
        collectUntil(f -> "Hangup".equals(f.get("Event")) && caller.channel().equals(f.get("Channel")));
      }
    }
    assertThat(compared).isEqualTo(capturedResponses.size() - 10);
    assertThat(agent).startsWith("PJSIP/agent2-");

    Map<String, List<String>> capturedKeys = new LinkedHashMap<>();
    for (List<Map.Entry<String, String>> f : captured) {
      String event = RawAmiFrames.get(f, "Event");
      if (event != null && !event.startsWith("Queue") && !event.equals("DeviceStateChange")) {
        capturedKeys.putIfAbsent(event, List.copyOf(new LinkedHashSet<>(RawAmiFrames.keys(f))));
      }
    }
    Set<String> checked = new LinkedHashSet<>();
    for (Map<String, String> f : simFrames) {
      String event = f.get("Event");
      if (event != null && capturedKeys.containsKey(event) && checked.add(event)) {
        assertThat(List.copyOf(f.keySet())).as(event).isEqualTo(capturedKeys.get(event));
      }
    }
    assertThat(checked).contains("Newchannel", "NewCallerid", "DialBegin", "DialEnd", "OriginateResponse",
        "CoreShowChannel", "CoreShowChannelsComplete", "Status", "StatusComplete", "MixMonitorStart",
        "MixMonitorStop", "MusicOnHoldStop", "SoftHangupRequest", "Hangup", "RequestBadFormat");
  }

  private List<Map<String, String>> collectUntil(Predicate<Map<String, String>> stop) throws Exception {
    List<Map<String, String>> frames = ami.readUntil(stop);
    simFrames.addAll(frames);
    return frames;
  }

  private static Map<String, String> last(List<Map<String, String>> frames) {
    return frames.get(frames.size() - 1);
  }
}
