package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The AMI conversation byte for byte against shared/asterisk-captures (ami-login.txt, ami-actions.txt). */
class AmiWireTest {
  private static final String USER = "contact-centre";
  private static final String SECRET = "s3cret";
  private static Vertx vertx;
  private static PbxSimulator sim;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    sim = PbxSimulator.start(vertx, SimulatorOptions.builder().amiCredentials(USER, SECRET)
        .authFailureDelay(Duration.ofMillis(300)).promptDuration(Duration.ofMillis(50)).build())
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    sim.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void plainLoginEchoesActionIdAndSendsBootEvents() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      assertThat(c.readLine()).isEqualTo("Asterisk Call Manager/11.0.0\r\n");
      c.send("Action: Login\r\nActionID: login-1\r\nUsername: " + USER + "\r\nSecret: " + SECRET + "\r\n\r\n");
      assertThat(c.readRawFrame())
          .isEqualTo("Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n");
      Map<String, String> booted = c.readFrame();
      assertThat(booted).containsEntry("Event", "FullyBooted").containsEntry("Privilege", "system,all")
          .containsEntry("Status", "Fully Booted");
      assertThat(c.readFrame()).containsEntry("Event", "SuccessfulAuth").containsEntry("UsingPassword", "0");
      c.send("Action: Ping\r\nActionID: ping-3\r\n\r\n");
      assertThat(c.readRawFrame())
          .matches("Response: Success\r\nActionID: ping-3\r\nPing: Pong\r\nTimestamp: \\d+\\.\\d{6}\r\n\r\n");
      c.send("Action: Ping\r\n\r\n");
      assertThat(c.readRawFrame()).matches("Response: Success\r\nPing: Pong\r\nTimestamp: \\d+\\.\\d{6}\r\n\r\n");
      c.send("Action: Logoff\r\nActionID: logoff-4\r\n\r\n");
      assertThat(c.readRawFrame())
          .isEqualTo("Response: Goodbye\r\nActionID: logoff-4\r\nMessage: Thanks for all the fish.\r\n\r\n");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void md5ChallengeLoginLikeAsteriskJavaWithEventsOff() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      c.readLine();
      c.send("Action: Challenge\r\nActionID: challenge-1\r\nAuthType: MD5\r\n\r\n");
      Map<String, String> challenge = c.readFrame();
      assertThat(challenge).containsEntry("Response", "Success").containsEntry("ActionID", "challenge-1");
      assertThat(challenge.get("Challenge")).matches("\\d{9}");
      String key = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest((challenge.get("Challenge") + SECRET).getBytes(StandardCharsets.UTF_8)));
      c.send("Action: Login\r\nActionID: login-md5-2\r\nAuthType: MD5\r\nUsername: " + USER + "\r\nKey: " + key
          + "\r\nEvents: off\r\n\r\n");
      assertThat(c.readRawFrame())
          .isEqualTo("Response: Success\r\nActionID: login-md5-2\r\nMessage: Authentication accepted\r\n\r\n");
      c.send("Action: Ping\r\nActionID: p\r\n\r\n");
      assertThat(c.readFrame()).containsEntry("Response", "Success").containsEntry("Ping", "Pong");
    }
  }

  @Test
  void wrongSecretIsAnsweredAfterADelayAndTheConnectionClosed() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      c.readLine();
      long started = System.nanoTime();
      c.send("Action: Login\r\nActionID: login-bad-1\r\nUsername: " + USER + "\r\nSecret: wrong\r\n\r\n");
      assertThat(c.readRawFrame())
          .isEqualTo("Response: Error\r\nActionID: login-bad-1\r\nMessage: Authentication failed\r\n\r\n");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void actionsBeforeLoginAreDeniedButTheConnectionStays() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      c.readLine();
      c.send("Action: CoreShowChannels\r\nActionID: csc-unauth-2\r\n\r\n");
      assertThat(c.readRawFrame())
          .isEqualTo("Response: Error\r\nActionID: csc-unauth-2\r\nMessage: Permission denied\r\n\r\n");
      c.send("Action: Login\r\nUsername: " + USER + "\r\nSecret: " + SECRET + "\r\nEvents: off\r\n\r\n");
      assertThat(c.readFrame()).containsEntry("Response", "Success");
    }
  }

  @Test
  void unknownActionGetsAsterisksErrorText() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      c.login(USER, SECRET);
      c.send("Action: FooBarAction\r\nActionID: unknown-33\r\n\r\n");
      List<Map<String, String>> frames = c.readUntil(f -> "unknown-33".equals(f.get("ActionID")));
      assertThat(frames.get(frames.size() - 1)).containsEntry("Response", "Error").containsEntry("Message",
          "Invalid/unknown command: FooBarAction. Use Action: ListCommands to show available commands.");
    }
  }

  @Test
  void malformedFramesGetErrorsAndNeverKillTheConnection() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      c.readLine();
      c.send("Action: Login\r\nUsername: " + USER + "\r\nSecret: " + SECRET + "\r\nEvents: off\r\n\r\n");
      c.readFrame();
      c.send("this is not a header\r\nnor: an action\r\n\r\n");
      assertThat(c.readRawFrame()).isEqualTo("Response: Error\r\nMessage: Missing action in request\r\n\r\n");
      c.send("\u0000\u00ff\u0001garbage\n\n");
      assertThat(c.readFrame()).containsEntry("Message", "Missing action in request");
      c.send("Action: Ping\r\nActionID: " + "x".repeat(70_000) + "\r\n\r\n");
      assertThat(c.readFrame()).containsEntry("Message", "Request too long");
      // an action split across many writes and with bare LF line ends still works
      for (String part : List.of("Act", "ion: Pi", "ng\nActio", "nID: split\n", "\n")) {
        c.send(part);
      }
      Map<String, String> pong = c.readUntil(f -> "split".equals(f.get("ActionID"))).get(0);
      assertThat(pong).containsEntry("Ping", "Pong");
      // a UTF-8 character split between two TCP segments is still read whole
      byte[] name = "Setvar\r\nActionID: utf\r\nVariable: WHO\r\nValue: Åsa\r\n\r\n"
          .getBytes(StandardCharsets.UTF_8);
      int split = new String(name, StandardCharsets.UTF_8).indexOf('Å') + 1;
      c.send("Action: ");
      c.sendBytes(java.util.Arrays.copyOfRange(name, 0, split));
      c.sendBytes(java.util.Arrays.copyOfRange(name, split, name.length));
      c.readUntil(f -> "utf".equals(f.get("ActionID")));
      c.send("Action: Getvar\r\nActionID: utf2\r\nVariable: WHO\r\n\r\n");
      assertThat(c.readUntil(f -> "utf2".equals(f.get("ActionID"))).get(0)).containsEntry("Value", "Åsa");
    }
  }

  @Test
  void listActionsWithoutChannelsAnswerStartAndComplete() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      c.readLine();
      c.send("Action: Login\r\nUsername: " + USER + "\r\nSecret: " + SECRET + "\r\nEvents: off\r\n\r\n");
      c.readFrame();
      c.send("Action: CoreShowChannels\r\nActionID: csc-40\r\n\r\n");
      assertThat(c.readRawFrame()).isEqualTo(
          "Response: Success\r\nActionID: csc-40\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n");
      assertThat(c.readRawFrame()).isEqualTo(
          "Event: CoreShowChannelsComplete\r\nActionID: csc-40\r\nEventList: Complete\r\nListItems: 0\r\n\r\n");
      c.send("Action: Status\r\nActionID: status-41\r\n\r\n");
      assertThat(c.readRawFrame()).isEqualTo(
          "Response: Success\r\nActionID: status-41\r\nEventList: start\r\nMessage: Channel status will follow\r\n\r\n");
      assertThat(c.readRawFrame()).isEqualTo(
          "Event: StatusComplete\r\nActionID: status-41\r\nEventList: Complete\r\nListItems: 0\r\nItems: 0\r\n\r\n");
    }
  }

  @Test
  void failingActionsAnswerWithTheCapturedMessages() throws Exception {
    try (RawAmiClient c = new RawAmiClient(sim.amiPort())) {
      c.readLine();
      c.send("Action: Login\r\nUsername: " + USER + "\r\nSecret: " + SECRET + "\r\nEvents: off\r\n\r\n");
      c.readFrame();
      Map<String, String> expected = new java.util.LinkedHashMap<>();
      expected.put("Action: Redirect\r\nActionID: a1\r\nChannel: PJSIP/nosuch-00000099\r\nContext: cc-hold\r\n"
          + "Exten: s\r\nPriority: 1\r\n\r\n", "Channel does not exist: PJSIP/nosuch-00000099");
      expected.put("Action: Hangup\r\nActionID: a2\r\nChannel: PJSIP/nosuch-00000099\r\n\r\n", "No such channel");
      expected.put("Action: Hangup\r\nActionID: a3\r\n\r\n", "No channel specified");
      expected.put("Action: Originate\r\nActionID: a4\r\nChannel: PJSIP/nosuchendpoint\r\nContext: cc-operator\r\n"
          + "Exten: s\r\nPriority: 1\r\n\r\n", "Originate failed");
      expected.put("Action: Originate\r\nActionID: a5\r\n\r\n", "Channel not specified");
      expected.put("Action: Status\r\nActionID: a6\r\nChannel: PJSIP/nosuch-00000099\r\n\r\n", "No such channel");
      expected.put("Action: MixMonitor\r\nActionID: a7\r\nChannel: PJSIP/nosuch-00000099\r\nFile: x.wav\r\n\r\n",
          "No such channel");
      expected.put("Action: Getvar\r\nActionID: a8\r\nChannel: PJSIP/nosuch-00000099\r\nVariable: X\r\n\r\n",
          "No such channel");
      expected.put("Action: Bridge\r\nActionID: a9\r\nChannel1: PJSIP/a\r\n\r\n",
          "Missing channel parameter in request");
      for (Map.Entry<String, String> e : expected.entrySet()) {
        c.send(e.getKey());
        Map<String, String> r = c.readFrame();
        assertThat(r).as(e.getKey()).containsEntry("Response", "Error").containsEntry("Message", e.getValue());
      }
      c.send("Action: Getvar\r\nActionID: g\r\nVariable: NO_GLOBAL\r\n\r\n");
      assertThat(c.readRawFrame())
          .isEqualTo("Response: Success\r\nActionID: g\r\nVariable: NO_GLOBAL\r\nValue: \r\n\r\n");
    }
  }
}
