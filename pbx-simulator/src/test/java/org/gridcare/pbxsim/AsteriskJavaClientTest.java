package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridcare.pbxsim.FastAgiWireTest.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.GetVarAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.StatusAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.StatusEvent;
import org.asteriskjava.manager.response.GetVarResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real client library the gateway uses logs in (MD5 challenge), runs actions and parses the events. */
class AsteriskJavaClientTest {
  private Vertx vertx;
  private PbxSimulator sim;
  private ManagerConnection connection;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    sim = await(PbxSimulator.start(vertx, SimulatorOptions.builder().amiCredentials("contact-centre", "pw")
        .promptDuration(Duration.ofMillis(50)).build()));
    connection = new ManagerConnectionFactory("127.0.0.1", sim.amiPort(), "contact-centre", "pw")
        .createManagerConnection();
  }

  @AfterEach
  void stop() throws Exception {
    connection.logoff();
    await(sim.close());
    await(vertx.close());
  }

  @Test
  void logsInRunsActionsAndReceivesTypedEvents() throws Exception {
    List<ManagerEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<OriginateResponseEvent> originated = new CompletableFuture<>();
    CompletableFuture<HangupEvent> hungUp = new CompletableFuture<>();
    connection.addEventListener(e -> {
      events.add(e);
      if (e instanceof OriginateResponseEvent o) {
        originated.complete(o);
      } else if (e instanceof HangupEvent h) {
        hungUp.complete(h);
      }
    });
    connection.login();

    assertThat(connection.sendAction(new PingAction(), 5000).getResponse()).isEqualTo("Success");

    sim.phone("PJSIP/op1001").autoAnswer(true);
    OriginateAction originate = new OriginateAction();
    originate.setChannel("PJSIP/op1001");
    originate.setContext("cc-operator");
    originate.setExten("s");
    originate.setPriority(1);
    originate.setCallerId("\"Gridcare\" <80012345>");
    originate.setVariable("CC_WHISPER", "whisper-new-call");
    originate.setTimeout(20_000L);
    originate.setAsync(true);
    ManagerResponse queued = connection.sendAction(originate, 5000);
    assertThat(queued.getResponse()).isEqualTo("Success");
    OriginateResponseEvent response = originated.get(5, TimeUnit.SECONDS);
    assertThat(response.getResponse()).isEqualTo("Success");
    assertThat(response.getActionId()).isEqualTo(originate.getActionId());
    String channel = response.getChannel();
    assertThat(channel).startsWith("PJSIP/op1001-");
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(NewChannelEvent.class,
        n -> assertThat(n.getChannel()).isEqualTo(channel)));

    ResponseEvents list = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
    assertThat(list.getEvents()).filteredOn(CoreShowChannelEvent.class::isInstance)
        .extracting(e -> ((CoreShowChannelEvent) e).getChannel()).containsExactly(channel);
    ResponseEvents status = connection.sendEventGeneratingAction(new StatusAction(), 5000);
    assertThat(status.getEvents()).filteredOn(StatusEvent.class::isInstance).hasSize(1);

    GetVarResponse whisper = (GetVarResponse) connection.sendAction(new GetVarAction(channel, "CC_WHISPER"), 5000);
    assertThat(whisper.getValue()).isEqualTo("whisper-new-call");

    assertThat(connection.sendAction(new HangupAction(channel), 5000).getResponse()).isEqualTo("Success");
    HangupEvent hangup = hungUp.get(5, TimeUnit.SECONDS);
    assertThat(hangup.getChannel()).isEqualTo(channel);
    assertThat(hangup.getCause()).isEqualTo(16);
    assertThat(hangup.getCauseTxt()).isEqualTo("Normal Clearing");
  }
}
