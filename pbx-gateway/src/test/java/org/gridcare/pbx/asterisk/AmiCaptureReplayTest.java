package org.gridcare.pbx.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.PbxEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays the event stream a real Asterisk 22 sent for an inbound call (asterisk-captures/ami-inbound-call.txt,
 * byte for byte, in its original TCP segmentation) through Asterisk-Java's reader into the adapter, and checks the
 * domain events. The capture's dialplan context {@code from-caller} is renamed to our {@code cc-inbound}; nothing
 * else is changed.
 */
class AmiCaptureReplayTest {
  static final ChannelId CALLER = new ChannelId("1795478361.13");
  static final ChannelId AGENT = new ChannelId("1795478371.14");
  static final CallId CALL = new CallId("1795478361.13");

  Vertx vertx;
  ScriptedAmiServer ami;
  AsteriskGateway gateway;
  BlockingQueue<PbxEvent> events = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    ami = new ScriptedAmiServer("dummysecret");
    gateway = Await.result(AsteriskGateway.start(vertx, new PbxConfig(PbxConfig.Mode.asterisk,
        new PbxConfig.Ami("127.0.0.1", ami.port(), "admin", null, Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ofSeconds(1)),
        new PbxConfig.Agi("127.0.0.1", 0, 10)), "dummysecret"));
    gateway.pbx().subscribe(events::add);
    Await.event(events, PbxEvent.PbxConnected.class);
  }

  @AfterEach
  void stop() throws Exception {
    Await.result(gateway.close());
    ami.close();
    Await.result(vertx.close());
  }

  @Test
  void anInboundCallFromTheCaptureBecomesTheDomainStory() throws Exception {
    Transcript capture = Transcript.load("ami-inbound-call.txt");
    boolean loggedIn = false;
    for (Transcript.Record r : capture.records()) {
      if (!r.direction().equals("S->C")) {
        continue;
      }
      String text = r.text();
      if (!loggedIn) {
        // The capture's own banner, login reply and login events: our fake already sent its own.
        loggedIn = text.contains("SuccessfulAuth");
        continue;
      }
      ami.push(text.replace("Context: from-caller", "Context: cc-inbound"));
    }

    List<PbxEvent> story = new ArrayList<>();
    PbxEvent e;
    while ((e = events.poll(5, TimeUnit.SECONDS)) != null) {
      story.add(e);
      if (e instanceof PbxEvent.ChannelHungUp h && h.channel().equals(AGENT)) {
        break;
      }
    }

    assertThat(story).extracting(AmiCaptureReplayTest::describe).containsExactly(
        "ChannelCreated " + CALLER,
        "CallArrived " + CALLER,
        "ChannelAnswered " + CALLER,
        "DtmfReceived " + CALLER + " #",
        "DtmfReceived " + CALLER + " 5",
        "DtmfReceived " + CALLER + " 7",
        "RecordingStarted " + CALLER + " /srv/asterisk/var/spool/asterisk/monitor/1795478361.13.wav",
        "ChannelCreated " + AGENT,
        "ChannelRinging " + AGENT,
        "ChannelAnswered " + AGENT,
        "ChannelsBridged " + AGENT + " [" + AGENT + "]",
        "ChannelsBridged " + CALLER + " [" + AGENT + ", " + CALLER + "]",
        "ChannelUnbridged " + CALLER,
        "ChannelUnbridged " + AGENT,
        "ChannelHungUp " + CALLER + " 16",
        "ChannelHungUp " + AGENT + " 16");
    assertThat(story).allSatisfy(ev -> assertThat(ev.call()).isEqualTo(CALL));
    PbxEvent.CallArrived arrived = (PbxEvent.CallArrived) story.get(1);
    assertThat(arrived.callerNumber()).isEqualTo("5551000");
    assertThat(arrived.dialled()).isEqualTo("100");
    assertThat(((PbxEvent.ChannelHungUp) story.get(14)).cause()).isEqualTo(HangupCause.NORMAL_CLEARING);
    // Both legs left the channel table: commands on them no longer reach the PBX.
    Throwable gone = Await.failure(gateway.pbx().hangUp(CALLER, HangupCause.NORMAL_CLEARING));
    assertThat(((org.gridcare.platform.domain.DomainException) gone).id()).isEqualTo("no-such-channel");
  }

  static String describe(PbxEvent e) {
    String name = e.getClass().getSimpleName() + " " + e.channel();
    if (e instanceof PbxEvent.DtmfReceived d) {
      return name + " " + d.digit();
    } else if (e instanceof PbxEvent.RecordingStarted r) {
      return name + " " + r.file();
    } else if (e instanceof PbxEvent.ChannelsBridged b) {
      return name + " " + b.members();
    } else if (e instanceof PbxEvent.ChannelHungUp h) {
      return name + " " + h.cause().code();
    }
    return name;
  }
}
