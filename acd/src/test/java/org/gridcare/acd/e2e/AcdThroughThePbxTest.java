package org.gridcare.acd.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridcare.acd.AcdModule;
import org.gridcare.acd.app.AcdEvents;
import org.gridcare.acd.app.QueueRequest;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.config.ConfigLoader;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.asterisk.AsteriskGateway;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbxsim.CallState;
import org.gridcare.pbxsim.PbxSimulator;
import org.gridcare.pbxsim.SimCall;
import org.gridcare.pbxsim.SimPhone;
import org.gridcare.pbxsim.SimulatorOptions;
import org.gridcare.storage.Storage;
import org.gridcare.storage.StorageSettings;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACD over the wire: the Asterisk adapter (AMI + FastAGI) against the PBX simulator running the shipped
 * dialplan, real Redis and PostgreSQL. A stand-in IVR script queues the caller; the ACD's wait script holds them in
 * {@code cc-wait}; the ACD rings the operator's softphone into {@code cc-operator} and bridges.
 */
@RealServers
class AcdThroughThePbxTest {
  private static final ContactCentreConfig CONFIG = ConfigLoader.load(Path.of("../config/contact-centre.yaml"), Map.of());

  private Storage storage;
  private PbxSimulator sim;
  private AsteriskGateway gateway;
  private AcdModule acd;
  private SimpleMeterRegistry meters;
  private final BlockingQueue<JsonObject> queueEvents = new LinkedBlockingQueue<>();

  @BeforeEach
  void start(Vertx vertx, StorageSettings settings, @TempDir Path recordings) throws Exception {
    storage = Storage.start(vertx, settings).await(60, TimeUnit.SECONDS);
    storage.redis().sync().flushall();
    int agiPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      agiPort = s.getLocalPort();
    }
    sim = PbxSimulator.start(vertx, SimulatorOptions.builder().amiCredentials("gridcare", "s3cret")
        .agi("127.0.0.1", agiPort).recordingsDir(recordings).dialplan(SimulatorOptions.defaultDialplan())
        .promptDuration(Duration.ofMillis(20)).build()).await(30, TimeUnit.SECONDS);
    gateway = AsteriskGateway.start(vertx, new PbxConfig(PbxConfig.Mode.asterisk,
        new PbxConfig.Ami("127.0.0.1", sim.amiPort(), "gridcare", null, Duration.ofSeconds(3),
            Duration.ofSeconds(20), Duration.ofSeconds(2)),
        new PbxConfig.Agi("127.0.0.1", agiPort, 50)), "s3cret").await(30, TimeUnit.SECONDS);
    meters = new SimpleMeterRegistry();
    acd = AcdModule.start(vertx, CONFIG, storage, gateway.pbx(), meters).await(10, TimeUnit.SECONDS);
    vertx.eventBus().<JsonObject>consumer(AcdEvents.QUEUE_CHANGED, m -> queueEvents.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    // stand-in for the IVR: every caller wants the outage desk
    gateway.registerScript("ivr", session -> session.answer()
        .compose(v -> acd.acd().enqueue(QueueRequest.of(session.info().call().value(),
            session.info().channel().value(), "outage")))
        .compose(c -> session.setVariable("CC_NEXT", "wait")));
    gateway.registerScript("wait", acd.waitScript());
    CompletableFuture<Void> connected = new CompletableFuture<>();
    gateway.pbx().subscribe(e -> {
      if (e instanceof PbxEvent.PbxConnected) {
        connected.complete(null);
      }
    });
    if (gateway.status().connected()) {
      connected.complete(null);
    }
    connected.get(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    acd.close().await(10, TimeUnit.SECONDS);
    gateway.close().await(30, TimeUnit.SECONDS);
    sim.close().await(30, TimeUnit.SECONDS);
    storage.close().await(30, TimeUnit.SECONDS);
  }

  private JsonObject next(String type) throws InterruptedException {
    while (true) {
      JsonObject e = queueEvents.poll(20, TimeUnit.SECONDS);
      assertThat(e).as("waiting for " + type).isNotNull();
      if (e.getString("type").equals(type)) {
        return e;
      }
    }
  }

  private OperatorState state(String operatorId) throws Exception {
    return acd.acd().operator(operatorId).await(10, TimeUnit.SECONDS).status().state();
  }

  @Test
  void aCallerIsQueuedHeldRungThroughAndWrapsUpTheOperator() throws Exception {
    SimPhone operator = sim.phone("PJSIP/op1001").autoAnswer(true);
    acd.acd().login("op1001", null).await(10, TimeUnit.SECONDS);
    acd.acd().ready("op1001").await(10, TimeUnit.SECONDS);

    SimCall caller = sim.placeCall("+4741234567", "80012345");
    String callId = next("acd.call.queued").getString("callId");
    next("acd.call.offered");
    JsonObject answered = next("acd.call.answered");
    assertThat(answered.getString("operatorId")).isEqualTo("op1001");
    assertThat(answered.getString("callId")).isEqualTo(callId);
    caller.awaitState(CallState.BRIDGED).await(20, TimeUnit.SECONDS);
    assertThat(operator.currentCall()).isPresent();
    assertThat(state("op1001")).isEqualTo(OperatorState.ON_CALL);
    assertThat(meters.timer("acd.queue.wait", "line", "1", "outcome", "answered").count()).isEqualTo(1);

    caller.hangUp().await(10, TimeUnit.SECONDS);
    next("acd.call.completed");
    assertThat(state("op1001")).isEqualTo(OperatorState.WRAP_UP);
    long journalled = storage.pool().query("SELECT count(*) FROM journal WHERE call_id = '" + callId + "'")
        .execute().await(10, TimeUnit.SECONDS).iterator().next().getLong(0);
    assertThat(journalled).as("queued, offered, answered, completed and the operator's state changes").isGreaterThanOrEqualTo(4);
  }

  @Test
  void anOperatorWhoDoesNotPickUpIsSetNotReadyAndTheNextOneGetsTheCall() throws Exception {
    sim.phone("PJSIP/op1001").autoAnswer(false);
    sim.phone("PJSIP/op1002").autoAnswer(true);
    acd.acd().login("op1001", null).await(10, TimeUnit.SECONDS);
    acd.acd().ready("op1001").await(10, TimeUnit.SECONDS);
    acd.acd().login("op1002", null).await(10, TimeUnit.SECONDS);
    acd.acd().ready("op1002").await(10, TimeUnit.SECONDS);

    SimCall caller = sim.placeCall("+4741234567", "80012345");
    assertThat(next("acd.call.offered").getString("operatorId")).isEqualTo("op1001");
    assertThat(next("acd.call.requeued").getString("operatorId")).isEqualTo("op1001");
    assertThat(next("acd.call.answered").getString("operatorId")).isEqualTo("op1002");
    caller.awaitState(CallState.BRIDGED).await(20, TimeUnit.SECONDS);
    assertThat(state("op1001")).isEqualTo(OperatorState.NOT_READY);
  }
}
