package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.pbxsim.FastAgiWireTest.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many concurrent calls through IVR and hold, redirected in pairs (ExtraChannel); nothing is left behind. */
class ManyCallsTest {
  private static final int CALLS = 100;
  private Vertx vertx;
  private NetServer agiServer;
  private PbxSimulator sim;
  private final AtomicInteger scripts = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // FastAGI "ivr": answer, play the menu, send the caller on to cc-wait; "wait": keep them until HANGUP arrives
    agiServer = vertx.createNetServer().connectHandler(this::script);
    int port = await(agiServer.listen(0, "127.0.0.1")).actualPort();
    sim = await(PbxSimulator.start(vertx, SimulatorOptions.builder().agi("127.0.0.1", port)
        .promptDuration(Duration.ofMillis(20)).build()));
  }

  private void script(NetSocket socket) {
    List<String> lines = new ArrayList<>();
    boolean[] started = {false};
    socket.handler(RecordParser.newDelimited("\n", line -> {
      String text = line.toString();
      if (!started[0]) {
        if (!text.isEmpty()) {
          lines.add(text);
          return;
        }
        started[0] = true;
        scripts.incrementAndGet();
        if (lines.contains("agi_network_script: ivr")) {
          socket.write("ANSWER\nSTREAM FILE \"menu\" \"1\"\nSET VARIABLE \"CC_NEXT\" \"wait\"\n");
        } else {
          socket.write("SET MUSIC ON default\n");
        }
        return;
      }
      if (text.equals("HANGUP")) {
        socket.close();
      } else if (text.startsWith("200") && lines.contains("agi_network_script: ivr")
          && text.equals("200 result=1")) {
        socket.close();
      }
    }));
  }

  @AfterEach
  void stop() throws Exception {
    await(sim.close());
    await(vertx.close());
  }

  @Test
  void hundredCallsWaitOnHoldAndAreRedirectedInPairsThenHungUp() throws Exception {
    List<SimCall> calls = new ArrayList<>();
    for (int i = 0; i < CALLS; i++) {
      calls.add(sim.placeCall("+4670" + (1_000_000 + i), "80012345"));
    }
    List<Future<Void>> holding = calls.stream().map(c -> c.awaitMusicOnHold(true)).toList();
    await(Future.all(holding));
    assertThat(await(sim.channels())).hasSize(CALLS);

    RawAmiClient ami = new RawAmiClient(sim.amiPort());
    ami.login(SimulatorOptions.DEFAULT_USERNAME, SimulatorOptions.DEFAULT_SECRET);
    for (int i = 0; i < CALLS; i += 2) {
      ami.send("Action: Redirect\r\nActionID: r" + i + "\r\nChannel: " + calls.get(i).channel()
          + "\r\nExtraChannel: " + calls.get(i + 1).channel() + "\r\nContext: cc-hold\r\nExten: s\r\nPriority: 1\r\n\r\n");
    }
    int[] ok = {0};
    ami.readUntil(f -> "Dual Redirect successful".equals(f.get("Message")) && ++ok[0] == CALLS / 2);
    ami.close();
    await(Future.all(calls.stream().map(c -> c.awaitMusicOnHold(true)).toList()));

    await(Future.all(calls.stream().map(SimCall::hangUp).toList()));
    await(Future.all(calls.stream().map(c -> c.awaitState(CallState.HUNG_UP)).toList()));
    assertThat(await(sim.channels())).isEmpty();
    assertThat(scripts.get()).isEqualTo(2 * CALLS);
  }
}
