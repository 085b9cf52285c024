package org.gridcare.pbx.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.CallerHungUp;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.SimPhone;
import org.gridcare.pbxsim.SimulatorOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole adapter over real sockets against the PBX simulator, which interprets config/asterisk/extensions.conf:
 * AMI login, an inbound call through the IVR script into the wait script, originate, bridge, recording, redirect,
 * hang-up, and reconnection with reconciliation after the PBX drops the AMI connection.
 */
class SimulatorEndToEndTest {
  static final String DID = "80012345";
  static final String CALLER = "+46701234567";

  Vertx vertx;
  PbxSimulator sim;
  AsteriskGateway gateway;
  BlockingQueue<PbxEvent> events = new LinkedBlockingQueue<>();
  CompletableFuture<String> collected = new CompletableFuture<>();
  CompletableFuture<Void> waitScriptEnded = new CompletableFuture<>();
  Set<String> threadsBeforeGateway;

  @BeforeEach
  void start(@TempDir Path recordings) throws Exception {
    vertx = Vertx.vertx();
    int agiPort = freePort();
    sim = Await.result(PbxSimulator.start(vertx, SimulatorOptions.builder()
        .amiCredentials("gridcare", "s3cret")
        .agi("127.0.0.1", agiPort)
        .recordingsDir(recordings)
        .dialplan(SimulatorOptions.defaultDialplan())
        .promptDuration(Duration.ofMillis(50))
        .build()));
    threadsBeforeGateway = Await.threadNames();
    gateway = Await.result(AsteriskGateway.start(vertx, new PbxConfig(PbxConfig.Mode.asterisk,
        new PbxConfig.Ami("127.0.0.1", sim.amiPort(), "gridcare", null, Duration.ofSeconds(3),
            Duration.ofSeconds(20), Duration.ofSeconds(2)),
        new PbxConfig.Agi("127.0.0.1", agiPort, 50)), "s3cret"));
    gateway.registerScript("ivr", session -> session.answer()
        .compose(v -> session.collect("welcome", Duration.ofSeconds(5), 4))
        .onSuccess(collected::complete)
        .compose(digits -> session.setVariable("CC_NEXT", "wait")));
    gateway.registerScript("wait", session -> holdUntilTakenAway(session)
        .onComplete(ar -> waitScriptEnded.complete(null)));
    gateway.pbx().subscribe(events::add);
    Await.event(events, PbxEvent.PbxConnected.class);
  }

  /** Music on hold in short slices until the server bridges the caller away (the script then gets HANGUP). */
  static Future<Void> holdUntilTakenAway(CallSession session) {
    return session.waitForDigit(Duration.ofMillis(500))
        .compose(d -> holdUntilTakenAway(session))
        .recover(e -> e instanceof CallerHungUp ? Future.succeededFuture() : Future.failedFuture(e));
  }

  @AfterEach
  void stop() throws Exception {
    Await.result(gateway.close());
    Await.result(sim.close());
    Await.result(vertx.close());
  }

  @Test
  void anInboundCallGoesThroughTheIvrIsBridgedRecordedAndHungUp() throws Exception {
    SimCall caller = sim.placeCall(CALLER, DID);

    PbxEvent.CallArrived arrived = Await.event(events, PbxEvent.CallArrived.class);
    assertThat(arrived.callerNumber()).isEqualTo(CALLER);
    assertThat(arrived.dialled()).isEqualTo(DID);
    ChannelId callerChannel = arrived.channel();

    Await.result(caller.awaitPrompt("welcome"));
    Await.result(caller.press("42#"));
    assertThat(collected.get(10, TimeUnit.SECONDS)).isEqualTo("42");
    PbxEvent.ChannelTransferred toWait = Await.event(events, PbxEvent.ChannelTransferred.class,
        t -> t.channel().equals(callerChannel));
    assertThat(toWait.to().context()).isEqualTo(Contexts.WAIT);

    SimPhone operator = sim.phone("PJSIP/op1001").autoAnswer(true);
    OriginateResult answered = Await.result(gateway.pbx().originate(new OriginateRequest(
        Endpoint.device("PJSIP/op1001"), DialplanTarget.of(Contexts.OPERATOR), null, null,
        Map.of("CC_WHISPER", "line-1"), Duration.ofSeconds(10))));
    assertThat(answered.answered()).isTrue();
    ChannelId operatorChannel = answered.channel();

    Await.result(gateway.pbx().startRecording(callerChannel, "call-42.wav"));
    PbxEvent.RecordingStarted recording = Await.event(events, PbxEvent.RecordingStarted.class);
    assertThat(recording.channel()).isEqualTo(callerChannel);
    assertThat(recording.file()).endsWith("call-42.wav");

    Await.result(gateway.pbx().bridge(callerChannel, operatorChannel));
    PbxEvent.ChannelsBridged bridged = Await.event(events, PbxEvent.ChannelsBridged.class,
        b -> b.members().size() == 2);
    assertThat(bridged.members()).containsExactlyInAnyOrder(callerChannel, operatorChannel);
    Await.result(caller.awaitState(CallState.BRIDGED));
    waitScriptEnded.get(10, TimeUnit.SECONDS);

    Await.result(gateway.pbx().muteRecording(callerChannel, true));
    Await.result(gateway.pbx().muteRecording(callerChannel, false));
    Await.result(gateway.pbx().stopRecording(callerChannel));
    assertThat(Await.event(events, PbxEvent.RecordingStopped.class).channel()).isEqualTo(callerChannel);

    Await.result(gateway.pbx().redirect(operatorChannel, DialplanTarget.of(Contexts.HOLD)));
    PbxEvent.ChannelTransferred held = Await.event(events, PbxEvent.ChannelTransferred.class,
        t -> t.channel().equals(operatorChannel));
    assertThat(held.to()).isEqualTo(DialplanTarget.of(Contexts.HOLD));
    Await.event(events, PbxEvent.ChannelHeld.class, h -> h.channel().equals(operatorChannel));

    Await.result(gateway.pbx().hangUp(callerChannel, HangupCause.NORMAL_CLEARING));
    PbxEvent.ChannelHungUp gone = Await.event(events, PbxEvent.ChannelHungUp.class,
        h -> h.channel().equals(callerChannel));
    assertThat(gone.call()).isEqualTo(arrived.call());
    Await.result(caller.awaitState(CallState.HUNG_UP));
    assertThat(operator.currentCall()).isPresent();
  }

  @Test
  void afterThePbxDropsAmiTheGatewayReconnectsAndItsChannelsMatchThePbx() throws Exception {
    SimCall caller = sim.placeCall(CALLER, DID);
    ChannelId callerChannel = Await.event(events, PbxEvent.CallArrived.class).channel();
    Await.result(caller.awaitPrompt("welcome"));
    Await.result(caller.press("1#"));
    Await.event(events, PbxEvent.ChannelTransferred.class, t -> t.channel().equals(callerChannel));

    Await.result(sim.dropAmiConnections());

    Await.event(events, PbxEvent.PbxDisconnected.class);
    PbxEvent.PbxConnected again = Await.event(events, PbxEvent.PbxConnected.class);
    Set<String> pbxSays = Set.copyOf(Await.result(sim.channels()));
    assertThat(again.channels()).extracting(Channel::id).contains(callerChannel);
    assertThat(again.channels().stream().map(Channel::endpoint).collect(Collectors.toSet()))
        .isEqualTo(pbxSays.stream().map(AmiEventTranslator::endpointOf).collect(Collectors.toSet()));
    assertThat(again.channels()).hasSameSizeAs(pbxSays);
    assertThat(gateway.status().connected()).isTrue();

    Await.result(gateway.pbx().hangUp(callerChannel, HangupCause.NORMAL_CLEARING));
    Await.result(caller.awaitState(CallState.HUNG_UP));
  }

  @Test
  void aCallerWhoHangsUpWhileTheScriptIsIdleEndsTheAgiSession() throws Exception {
    CompletableFuture<CallSession> waiting = new CompletableFuture<>();
    gateway.registerScript("wait", session -> {
      waiting.complete(session);
      return Promise.<Void>promise().future(); // waits for the ACD, sending nothing
    });
    SimCall caller = sim.placeCall(CALLER, DID);
    ChannelId callerChannel = Await.event(events, PbxEvent.CallArrived.class).channel();
    Await.result(caller.awaitPrompt("welcome"));
    Await.result(caller.press("1#"));
    CallSession session = waiting.get(10, TimeUnit.SECONDS);
    assertThat(gateway.activeAgiSessions()).isEqualTo(1);

    Await.result(caller.hangUp());

    // Asterisk reports the Hangup only once the script has let go of the channel.
    Await.until(() -> gateway.activeAgiSessions() == 0, "the idle session ended");
    Await.event(events, PbxEvent.ChannelHungUp.class, h -> h.channel().equals(callerChannel));
    assertThat(session.hungUp()).isTrue();
    assertThat(Await.failure(session.answer())).isInstanceOf(CallerHungUp.class);
  }

  @Test
  void closingTheGatewayMidCallEndsTheSessionAndLeavesNoThread() throws Exception {
    SimCall caller = sim.placeCall(CALLER, DID);
    Await.result(caller.awaitPrompt("welcome"));
    Await.result(caller.press("7#"));
    Await.until(() -> gateway.activeAgiSessions() == 1, "the wait script runs");

    Await.result(gateway.close());

    assertThat(gateway.activeAgiSessions()).isZero();
    assertThat(gateway.status().connected()).isFalse();
    assertThat(Await.threadsLeftOver(threadsBeforeGateway)).isEmpty();
  }

  @Test
  void anOperatorWhoRejectsIsBusy() throws Exception {
    SimPhone operator = sim.phone("PJSIP/op1002");
    operator.onRinging(call -> operator.reject());

    OriginateResult result = Await.result(gateway.pbx().originate(new OriginateRequest(
        Endpoint.device("PJSIP/op1002"), DialplanTarget.of(Contexts.OPERATOR), null, null, Map.of(),
        Duration.ofSeconds(5))));

    assertThat(result.outcome()).isEqualTo(OriginateResult.Outcome.BUSY);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
