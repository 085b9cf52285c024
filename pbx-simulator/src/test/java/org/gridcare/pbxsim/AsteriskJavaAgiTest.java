package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.pbxsim.FastAgiWireTest.await;

import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asterisk-Java's own FastAGI server (what the gateway runs) drives IVR scripts on the simulator's calls. */
class AsteriskJavaAgiTest {
  private Vertx vertx;
  private DefaultAgiServer agiServer;
  private Thread agiThread;
  private PbxSimulator sim;
  private final CompletableFuture<String> ivrResult = new CompletableFuture<>();
  private final CompletableFuture<String> waitResult = new CompletableFuture<>();
  private final CompletableFuture<String> waitStarted = new CompletableFuture<>();

  @BeforeEach
  void start() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    agiServer = new DefaultAgiServer(this::service);
    agiServer.setPort(port);
    agiThread = new Thread(() -> {
      try {
        agiServer.startup();
      } catch (Exception e) {
        ivrResult.completeExceptionally(e);
      }
    }, "agi-server");
    agiThread.start();
    vertx = Vertx.vertx();
    sim = await(PbxSimulator.start(vertx, SimulatorOptions.builder().agi("127.0.0.1", port)
        .promptDuration(Duration.ofMillis(200)).build()));
  }

  private void service(AgiRequest request, AgiChannel channel) {
    try {
      if (request.getScript().equals("ivr")) {
        channel.answer();
        char choice = channel.streamFile("welcome", "12");
        String account = channel.getData("enter-account", 3000, 4);
        channel.setVariable("CC_NEXT", "wait");
        ivrResult.complete(request.getCallerIdNumber() + "|" + choice + "|" + account + "|"
            + channel.getVariable("CC_NEXT"));
      } else {
        waitStarted.complete(request.getContext());
        while (true) {
          channel.waitForDigit(10_000);
        }
      }
    } catch (AgiHangupException e) {
      waitResult.complete("hung up in " + request.getScript());
    } catch (Exception e) {
      ivrResult.completeExceptionally(e);
      waitResult.completeExceptionally(e);
    }
  }

  @AfterEach
  void stop() throws Exception {
    await(sim.close());
    await(vertx.close());
    agiServer.shutdown();
    agiThread.join(5000);
  }

  @Test
  void ivrScriptAnswersReadsDigitsAndHandsTheCallerToTheWaitScript() throws Exception {
    SimCall call = sim.placeCall("+46701234567", "80012345");
    await(call.awaitPrompt("welcome"));
    await(call.press("2"));
    await(call.awaitPrompt("enter-account"));
    await(call.press("1234"));
    assertThat(ivrResult.get(10, TimeUnit.SECONDS)).isEqualTo("+46701234567|2|1234|wait");

    assertThat(waitStarted.get(10, TimeUnit.SECONDS)).isEqualTo("cc-wait");
    await(call.hangUp());
    assertThat(waitResult.get(10, TimeUnit.SECONDS)).isEqualTo("hung up in wait");
    await(call.awaitState(CallState.HUNG_UP));
  }
}
