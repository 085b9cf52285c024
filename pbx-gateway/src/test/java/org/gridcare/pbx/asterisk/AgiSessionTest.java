package org.gridcare.pbx.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gridcare.config.PbxConfig;
import org.gridcare.pbx.CallScript;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.CallerHungUp;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.RecordResult;
import org.gridcare.pbx.domain.SessionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The FastAGI server and call sessions against Asterisk's side of the conversation as captured. */
class AgiSessionTest {
  Vertx vertx;
  AsteriskAgiServer agi;
  Set<String> threadsBefore;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    threadsBefore = Await.threadNames();
    agi = new AsteriskAgiServer(vertx, new PbxConfig.Agi("127.0.0.1", 0, 20),
        id -> id.value().equals("1795478022.4") ? Optional.of(new CallId("1795478000.1")) : Optional.empty());
    Await.result(agi.start());
  }

  @AfterEach
  void stop() throws Exception {
    Await.result(agi.close());
    Await.result(vertx.close());
  }

  /** Registers {@code script} from a Vert.x context, as a module would, and returns that context. */
  Context register(String name, CallScript script) throws Exception {
    Context context = vertx.getOrCreateContext();
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      agi.register(name, script);
      done.complete();
    });
    Await.result(done.future());
    return context;
  }

  @Test
  void aCallerHangingUpMidPromptFailsThatAndEveryLaterCommandAndEndsTheSession() throws Exception {
    CompletableFuture<SessionInfo> info = new CompletableFuture<>();
    CompletableFuture<Throwable> duringPrompt = new CompletableFuture<>();
    CompletableFuture<Throwable> afterwards = new CompletableFuture<>();
    List<Boolean> onContext = new CopyOnWriteArrayList<>();
    Context[] scriptContext = new Context[1];
    scriptContext[0] = register("hangup-during-cmd", session -> {
      info.complete(session.info());
      return session.answer()
          .andThen(ar -> onContext.add(Vertx.currentContext() == scriptContext[0]))
          .compose(v -> session.play("tt-monkeys", "#"))
          .<Object>map(d -> d)
          .recover(e -> {
            onContext.add(Vertx.currentContext() == scriptContext[0]);
            duringPrompt.complete(e);
            return session.getVariable("CHANNEL").map(d -> d);
          })
          .recover(e -> {
            afterwards.complete(e);
            return Future.failedFuture(e);
          })
          .mapEmpty();
    });

    try (FakeAsteriskAgi asterisk = FakeAsteriskAgi.connect(agi.port()).sendCapturedEnvironment()) {
      asterisk.expect("ANSWER", "200 result=0");
      asterisk.expect("STREAM FILE \"tt-monkeys\" \"#\"", "200 result=-1 endpos=32160");
      asterisk.write("HANGUP\n");
      asterisk.expect("CHANNEL STATUS", "511 Command Not Permitted on a dead channel or intercept routine");
      assertThat(asterisk.awaitClose()).isTrue();
    }

    assertThat(duringPrompt.get(5, TimeUnit.SECONDS)).isInstanceOf(CallerHungUp.class);
    assertThat(afterwards.get(5, TimeUnit.SECONDS)).isInstanceOf(CallerHungUp.class);
    assertThat(onContext).containsExactly(true, true);
    SessionInfo session = info.get(5, TimeUnit.SECONDS);
    assertThat(session.channel()).isEqualTo(new ChannelId("1795478022.4"));
    assertThat(session.call()).isEqualTo(new CallId("1795478000.1"));
    assertThat(session.script()).isEqualTo("hangup-during-cmd");
    assertThat(session.parameters()).isEqualTo(Map.of("mode", "test", "x", "1"));
    assertThat(session.arguments()).containsExactly("arg1", "arg two");
    assertThat(session.callerNumber()).isEqualTo("5551000");
    assertThat(session.dialled()).isEqualTo("101");
    assertThat(agi.activeSessions()).isZero();
  }

  @Test
  void anUnsolicitedHangupWhileIdleFailsTheNextCommand() throws Exception {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    CompletableFuture<Boolean> hungUpFlag = new CompletableFuture<>();
    register("hangup-idle", session -> session.answer().onComplete(ar -> {
      failure.complete(ar.cause());
      hungUpFlag.complete(session.hungUp());
    }));

    try (FakeAsteriskAgi asterisk = FakeAsteriskAgi.connect(agi.port()).sendEnvironment("hangup-idle", "2.1")) {
      asterisk.write("HANGUP\n");
      asterisk.expect("ANSWER", "511 Command Not Permitted on a dead channel or intercept routine");
      assertThat(asterisk.awaitClose()).isTrue();
    }

    assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(CallerHungUp.class);
    assertThat(hungUpFlag.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void repliesAreReadAsAsteriskWritesThem() throws Exception {
    CompletableFuture<List<Object>> results = new CompletableFuture<>();
    register("ivr", session -> {
      List<Object> seen = new CopyOnWriteArrayList<>();
      return session.play("beep", "12").map(seen::add)
          .compose(v -> session.collect("beep", Duration.ofSeconds(2), 4)).map(seen::add)
          .compose(v -> session.play("beep", "#")).map(seen::add)
          .compose(v -> session.collect("beep", Duration.ofSeconds(10), 1)).map(seen::add)
          .compose(v -> session.waitForDigit(Duration.ofSeconds(6))).map(seen::add)
          .compose(v -> session.setVariable("CC_NEXT", "wait"))
          .compose(v -> session.getVariable("IVR_CHOICE")).map(seen::add)
          .compose(v -> session.getVariable("UNSET")).map(seen::add)
          .compose(v -> session.exec("Playback", "beep")).map(seen::add)
          .onSuccess(v -> results.complete(seen))
          .onFailure(results::completeExceptionally)
          .mapEmpty();
    });

    try (FakeAsteriskAgi asterisk = FakeAsteriskAgi.connect(agi.port()).sendEnvironment("ivr", "3.1")) {
      asterisk.expect("STREAM FILE \"beep\" \"12\"", "200 result=0 endpos=3404");
      asterisk.expect("GET DATA \"beep\" 2000 4", "200 result= (timeout)");
      asterisk.expect("STREAM FILE \"beep\" \"#\"", "200 result=35 endpos=10400");
      asterisk.expect("GET DATA \"beep\" 10000 1", "200 result=5");
      asterisk.expect("WAIT FOR DIGIT 6000", "200 result=55");
      asterisk.expect("SET VARIABLE \"CC_NEXT\" \"wait\"", "200 result=1");
      asterisk.expect("GET VARIABLE \"IVR_CHOICE\"", "200 result=1 (5)");
      asterisk.expect("GET VARIABLE \"UNSET\"", "200 result=0");
      asterisk.expect("EXEC \"Playback\" \"beep\"", "200 result=0");
      assertThat(asterisk.awaitClose()).isTrue();
    }

    assertThat(results.get(5, TimeUnit.SECONDS)).containsExactly(Optional.empty(), "", Optional.of('#'), "5",
        Optional.of('7'), Optional.of("5"), Optional.empty(), 0);
  }

  @Test
  void aMissingPromptIsAnErrorNotAHangup() throws Exception {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    register("ivr", session -> session.play("no-such-file", "").onFailure(failure::complete).mapEmpty());

    try (FakeAsteriskAgi asterisk = FakeAsteriskAgi.connect(agi.port()).sendEnvironment("ivr", "4.1")) {
      asterisk.expect("STREAM FILE \"no-such-file\"", "200 result=-1 endpos=0");
      asterisk.expect("CHANNEL STATUS", "200 result=6");
      assertThat(asterisk.awaitClose()).isTrue();
    }

    assertThat(failure.get(5, TimeUnit.SECONDS)).isNotInstanceOf(CallerHungUp.class)
        .hasMessageContaining("result=-1");
  }

  @Test
  void anUnknownScriptIsHungUp() throws Exception {
    try (FakeAsteriskAgi asterisk = FakeAsteriskAgi.connect(agi.port()).sendEnvironment("nope", "5.1")) {
      asterisk.expect("HANGUP", "200 result=1");
      assertThat(asterisk.awaitClose()).isTrue();
    }
    assertThat(agi.activeSessions()).isZero();
  }

  @Test
  void recordingEndsByKeyOrByHangUp() throws Exception {
    CompletableFuture<List<RecordResult>> results = new CompletableFuture<>();
    register("voicemail", session -> session.record("/tmp/vm-1", "#", Duration.ofSeconds(60), Duration.ofSeconds(3))
        .compose(first -> session.record("/tmp/vm-2", "#", Duration.ofSeconds(60), Duration.ofSeconds(3))
            .map(second -> List.of(first, second)))
        .onComplete(ar -> results.complete(ar.result()))
        .mapEmpty());

    try (FakeAsteriskAgi asterisk = FakeAsteriskAgi.connect(agi.port()).sendEnvironment("voicemail", "7.1")) {
      asterisk.expect("RECORD FILE \"/tmp/vm-1\" \"wav\" \"#\" 60000", "200 result=35 (dtmf) endpos=16000");
      asterisk.expect("RECORD FILE \"/tmp/vm-2\"", "200 result=-1 (hangup) endpos=8000");
      assertThat(asterisk.awaitClose()).isTrue();
    }

    assertThat(results.get(5, TimeUnit.SECONDS)).containsExactly(
        new RecordResult("/tmp/vm-1", Optional.of('#'), false),
        new RecordResult("/tmp/vm-2", Optional.empty(), true));
  }

  /**
   * The issue's fault drill: probes, connections that send nothing, unknown scripts and callers hanging up
   * mid-command, a thousand of them; afterwards the worker threads and the process's sockets are back to baseline.
   */
  @Test
  void aThousandFaultySessionsLeakNeitherThreadsNorSockets() throws Exception {
    register("hangup-during-cmd", session -> session.play("tt-monkeys", "#").mapEmpty());
    long fdsBefore = openFileDescriptors();
    for (int i = 0; i < 1_000; i++) {
      try (FakeAsteriskAgi asterisk = FakeAsteriskAgi.connect(agi.port())) {
        switch (i % 4) {
          case 0 -> asterisk.write("\n"); // an empty request
          case 1 -> { } // sends nothing at all
          case 2 -> {
            asterisk.sendEnvironment("no-such-script", "8." + i);
            asterisk.expect("HANGUP", "200 result=1");
          }
          default -> {
            asterisk.sendCapturedEnvironment();
            asterisk.expect("STREAM FILE", "200 result=-1 endpos=32160");
            asterisk.write("HANGUP\n");
            asterisk.expect("CHANNEL STATUS", "511 Command Not Permitted on a dead channel or intercept routine");
          }
        }
        asterisk.closeOutput();
        assertThat(asterisk.awaitClose()).isTrue();
      }
    }

    assertThat(agi.activeSessions()).isZero();
    // Workers are reused: a handful serve a thousand sequential connections (a thread returns to the pool a moment
    // after its socket closes, so the next connection may take a fresh one).
    assertThat(agi.workerThreads()).isLessThanOrEqualTo(8);
    assertThat(openFileDescriptors()).isLessThanOrEqualTo(fdsBefore + 5);
  }

  @Test
  void closingTheServerEndsRunningSessionsAndLeavesNoThread() throws Exception {
    CompletableFuture<Void> started = new CompletableFuture<>();
    register("wait", session -> {
      started.complete(null);
      return Promise.<Void>promise().future(); // a script that never ends by itself
    });
    FakeAsteriskAgi asterisk = FakeAsteriskAgi.connect(agi.port()).sendEnvironment("wait", "6.1");
    started.get(5, TimeUnit.SECONDS);

    Await.result(agi.close());

    assertThat(asterisk.awaitClose()).isTrue();
    asterisk.close();
    assertThat(Await.threadsLeftOver(threadsBefore)).isEmpty();
  }

  private static long openFileDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
