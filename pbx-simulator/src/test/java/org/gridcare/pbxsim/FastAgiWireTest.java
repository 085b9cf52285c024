package org.gridcare.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator as a FastAGI client, checked against fastagi-*.txt in shared/asterisk-captures: environment block,
 * replies, 510/511/520, HANGUP after a running command's reply and unsolicited HANGUP when idle.
 */
class FastAgiWireTest {
  private static final String DID = "80012345";
  private Vertx vertx;
  private RawFastAgiServer agi;
  private PbxSimulator sim;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    agi = new RawFastAgiServer();
    sim = await(PbxSimulator.start(vertx, SimulatorOptions.builder().agi("127.0.0.1", agi.port())
        .promptDuration(Duration.ofMillis(300)).build()));
  }

  @AfterEach
  void stop() throws Exception {
    await(sim.close());
    agi.close();
    await(vertx.close());
  }

  @Test
  void environmentIsSentLikeAsteriskWithLfOnlyAndTheCallersData() throws Exception {
    SimCall call = sim.placeCall("+46701234567", DID);
    try (RawFastAgiServer.Session s = agi.accept()) {
      assertThat(s.rawEnvironment).doesNotContain("\r");
      assertThat(List.copyOf(s.env.keySet())).containsExactly("agi_network", "agi_network_script", "agi_request",
          "agi_channel", "agi_language", "agi_type", "agi_uniqueid", "agi_version", "agi_callerid",
          "agi_calleridname", "agi_callingpres", "agi_callingani2", "agi_callington", "agi_callingtns", "agi_dnid",
          "agi_rdnis", "agi_context", "agi_extension", "agi_priority", "agi_enhanced", "agi_accountcode",
          "agi_threadid");
      assertThat(s.env).containsEntry("agi_network", "yes").containsEntry("agi_network_script", "ivr")
          .containsEntry("agi_request", "agi://127.0.0.1:" + agi.port() + "/ivr")
          .containsEntry("agi_channel", call.channel()).containsEntry("agi_uniqueid", call.uniqueId())
          .containsEntry("agi_callerid", "+46701234567").containsEntry("agi_calleridname", "unknown")
          .containsEntry("agi_dnid", DID).containsEntry("agi_rdnis", "unknown")
          .containsEntry("agi_context", "cc-inbound").containsEntry("agi_extension", DID)
          .containsEntry("agi_priority", "3").containsEntry("agi_enhanced", "0.0")
          .containsEntry("agi_accountcode", "").containsEntry("agi_version", "22.10.1");
      assertThat(call.channel()).matches("PJSIP/trunk-[0-9a-f]{8}");
    }
  }

  @Test
  void ivrCommandsAnswerAsCapturedAndTheDialplanFollowsCcNext() throws Exception {
    SimCall call = sim.placeCall("+46701234567", DID);
    try (RawFastAgiServer.Session ivr = agi.accept()) {
      assertThat(ivr.command("ANSWER")).isEqualTo("200 result=0");
      await(call.awaitState(CallState.UP));

      ivr.send("STREAM FILE \"welcome\" \"12\"");
      await(call.awaitPrompt("welcome"));
      await(call.press("2"));
      assertThat(ivr.reply()).matches("200 result=50 endpos=\\d+");

      assertThat(ivr.command("GET DATA \"menu\" 200 4")).isEqualTo("200 result= (timeout)");
      await(call.press("12#"));
      assertThat(ivr.command("GET DATA \"menu\" 2000 4")).isEqualTo("200 result=12");
      await(call.press("7"));
      assertThat(ivr.command("WAIT FOR DIGIT 1000")).isEqualTo("200 result=55");
      assertThat(ivr.command("WAIT FOR DIGIT 50")).isEqualTo("200 result=0");
      assertThat(ivr.command("STREAM FILE \"beep\" \"\"")).isEqualTo("200 result=0 endpos=2400");

      assertThat(ivr.command("SET VARIABLE \"WITH SPACE\" \"a \\\"quoted\\\" value\"")).isEqualTo("200 result=1");
      assertThat(ivr.command("GET VARIABLE \"WITH SPACE\"")).isEqualTo("200 result=1 (a \"quoted\" value)");
      assertThat(ivr.command("GET VARIABLE NO_SUCH_VARIABLE")).isEqualTo("200 result=0");
      assertThat(ivr.command("GET FULL VARIABLE \"${CALLERID(num)} on ${CHANNEL}\""))
          .isEqualTo("200 result=1 (+46701234567 on " + call.channel() + ")");
      assertThat(ivr.command("CHANNEL STATUS")).isEqualTo("200 result=6");
      assertThat(ivr.command("answer")).isEqualTo("200 result=0");
      assertThat(ivr.command("NO SUCH COMMAND")).isEqualTo("510 Invalid or unknown command");
      assertThat(ivr.command("EXEC \"NoSuchApplication\" \"foo\"")).isEqualTo("200 result=-2");
      assertThat(ivr.command("EXEC \"Set\" \"FROM_EXEC=hello world\"")).isEqualTo("200 result=0");
      assertThat(ivr.command("GET VARIABLE FROM_EXEC")).isEqualTo("200 result=1 (hello world)");
      assertThat(ivr.command("DATABASE PUT \"cc\" \"last\" \"42\"")).isEqualTo("200 result=1");
      assertThat(ivr.command("DATABASE GET \"cc\" \"last\"")).isEqualTo("200 result=1 (42)");
      assertThat(ivr.command("STREAM FILE")).isEqualTo("520-Invalid command syntax.  Proper usage follows:");
      String usage;
      do {
        usage = ivr.reply();
      } while (!usage.startsWith("520 "));
      assertThat(usage).isEqualTo("520 End of proper usage.");

      assertThat(ivr.command("SET VARIABLE \"CC_NEXT\" \"wait\"")).isEqualTo("200 result=1");
      assertThat(call.prompts()).containsExactly("welcome", "menu", "menu", "beep");
    }
    try (RawFastAgiServer.Session wait = agi.accept()) {
      assertThat(wait.env).containsEntry("agi_network_script", "wait").containsEntry("agi_context", "cc-wait")
          .containsEntry("agi_extension", "s").containsEntry("agi_priority", "2");
      // idle script: the caller hangs up, Asterisk sends HANGUP unsolicited and keeps the socket open
      await(call.hangUp());
      assertThat(wait.reply()).isEqualTo("HANGUP");
      assertThat(wait.command("CHANNEL STATUS"))
          .isEqualTo("511 Command Not Permitted on a dead channel or intercept routine");
      assertThat(wait.command("GET VARIABLE \"CC_NEXT\"")).isEqualTo("200 result=1 (wait)");
      assertThat(wait.command("NOOP \"bye\"")).isEqualTo("200 result=0");
      assertThat(call.state()).isEqualTo(CallState.UP);
    }
    await(call.awaitState(CallState.HUNG_UP));
  }

  @Test
  void hangupDuringAStreamRepliesFirstThenHangupThen511ForChannelCommands() throws Exception {
    SimCall call = sim.placeCall("5551000", "Customer", DID);
    try (RawFastAgiServer.Session s = agi.accept()) {
      assertThat(s.env).containsEntry("agi_calleridname", "Customer");
      s.send("STREAM FILE \"tt-monkeys\" \"#\"");
      await(call.awaitPrompt("tt-monkeys"));
      await(call.hangUp());
      assertThat(s.reply()).matches("200 result=-1 endpos=\\d+");
      assertThat(s.reply()).isEqualTo("HANGUP");
      String dead = "511 Command Not Permitted on a dead channel or intercept routine";
      assertThat(s.command("ANSWER")).isEqualTo(dead);
      assertThat(s.command("STREAM FILE \"beep\" \"\"")).isEqualTo(dead);
      assertThat(s.command("GET DATA \"beep\" 1000 1")).isEqualTo(dead);
      assertThat(s.command("GET VARIABLE \"CHANNEL\"")).isEqualTo("200 result=1 (" + call.channel() + ")");
      assertThat(s.command("SET VARIABLE \"AFTER_HANGUP\" \"1\"")).isEqualTo("200 result=1");
      assertThat(s.command("VERBOSE \"still here after hangup\" 1")).isEqualTo("200 result=1");
      assertThat(s.command("EXEC \"NoOp\" \"dead channel\"")).isEqualTo("200 result=0");
      assertThat(s.command("HANGUP")).isEqualTo(dead);
    }
    await(call.awaitState(CallState.HUNG_UP));
  }

  @Test
  void unreachableFastAgiServerFailsTheAgiAndTheCallEnds() throws Exception {
    await(sim.close());
    // port 1 (tcpmux): nothing listens there, unlike a just-freed ephemeral port another process may take
    sim = await(PbxSimulator.start(vertx, SimulatorOptions.builder().agi("127.0.0.1", 1).build()));
    SimCall call = sim.placeCall("5551000", DID);
    await(call.awaitState(CallState.HUNG_UP));
    assertThat(call.hangupCause()).isEqualTo(16);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
