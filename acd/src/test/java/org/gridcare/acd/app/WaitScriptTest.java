package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.CallerHungUp;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.RecordResult;
import org.gridcare.pbx.domain.SessionInfo;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** The cc-wait script against the real ACD state, with a scripted caller. */
@RealServers
class WaitScriptTest extends AcdHarness {

  /** A caller on the wait script: records what they hear; music on hold lets the test's time pass. */
  private static final class Caller implements CallSession {
    final List<String> heard = new ArrayList<>();
    final SessionInfo info;
    Function<Integer, Future<Void>> onHold = round -> Future.succeededFuture();
    Optional<Character> key = Optional.empty();
    int holds;

    Caller(String callId, String channel, String number) {
      info = new SessionInfo(new ChannelId(channel), new CallId(callId), number, null, "80012345", "wait",
          Map.of(), List.of(), "en");
    }

    @Override public SessionInfo info() { return info; }
    @Override public Future<Void> answer() { return Future.succeededFuture(); }

    @Override
    public Future<Optional<Character>> play(String prompt, String escapeDigits) {
      heard.add(prompt);
      return Future.succeededFuture(escapeDigits.isEmpty() ? Optional.empty() : key);
    }

    @Override public Future<String> collect(String prompt, Duration timeout, int maxDigits) { return Future.succeededFuture(""); }
    @Override public Future<Optional<Character>> waitForDigit(Duration timeout) { return Future.succeededFuture(key); }

    @Override
    public Future<RecordResult> record(String file, String escapeDigits, Duration maxLength, Duration silence) {
      return Future.failedFuture(new UnsupportedOperationException());
    }

    @Override
    public Future<Integer> exec(String application, String arguments) {
      heard.add(application + "(" + arguments + ")");
      return application.equals("MusicOnHold") ? onHold.apply(++holds).map(0) : Future.succeededFuture(0);
    }

    @Override public Future<Void> setVariable(String name, String value) { return Future.succeededFuture(); }
    @Override public Future<Optional<String>> getVariable(String name) { return Future.succeededFuture(Optional.empty()); }
    @Override public Future<Void> hangUp() { return Future.succeededFuture(); }
    @Override public boolean hungUp() { return false; }
  }

  private WaitScript script() {
    return new WaitScript(acd, CONFIG.acd().announceEvery());
  }

  @Test
  void theCallerHearsTheirPlaceAndAfterAWhileBooksACallbackThatKeepsIt() throws Exception {
    ready("op2001");
    await(acd.enqueue(QueueRequest.of("m0", "m0-chan", "grid-connection")));
    pbx.nextRing().answer();
    journal.await("acd.call.answered", "m0");
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    await(acd.enqueue(QueueRequest.of("m2", "m2-chan", "metering")));

    Caller caller = new Caller("m2", "m2-chan", "+4741234567");
    caller.key = Optional.of('1');
    caller.onHold = round -> {
      clock.advance(CONFIG.acd().announceEvery());
      return Future.succeededFuture();
    };
    script().run(caller).await(10, TimeUnit.SECONDS);

    assertThat(caller.heard).containsSubsequence(
        "queue-thereare", "SayNumber(1)", "queue-callswaiting", "queue-holdtime", "SayNumber(6)", "queue-minutes",
        "MusicOnHold(default,30)", "queue-thereare", "MusicOnHold(default,30)", "queue-thereare",
        WaitScript.OFFER, WaitScript.BOOKED);
    assertThat(caller.holds).as("offered once the caller waited 60 s").isEqualTo(2);
    assertThat(journal.await("acd.callback.requested", "m2").phone()).isEqualTo("+4741234567");
    assertThat(await(acd.waiting())).filteredOn(c -> c.callId().equals("m2")).singleElement()
        .satisfies(c -> assertThat(c.callback()).isTrue());
  }

  @Test
  void aCallerWhoDeclinesIsOfferedOnceAndHearsTheMusicUntilTheyLeave() throws Exception {
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    Caller caller = new Caller("m1", "m1-chan", "+4741234567");
    caller.onHold = round -> {
      clock.advance(CONFIG.acd().announceEvery());
      return round < 5 ? Future.succeededFuture() : Future.failedFuture(new CallerHungUp("m1-chan"));
    };
    script().run(caller).await(10, TimeUnit.SECONDS);

    assertThat(caller.heard.stream().filter(WaitScript.OFFER::equals)).hasSize(1);
    assertThat(caller.heard).contains("queue-youarenext").doesNotContain("queue-holdtime");
    assertThat(caller.holds).isEqualTo(5);
  }

  @Test
  void musicGoesOnWhileTheOperatorIsRungAndTheScriptEndsWhenTheBridgeTakesTheCaller() throws Exception {
    await(acd.enqueue(QueueRequest.of("m1", "m1-chan", "metering")));
    Caller caller = new Caller("m1", "m1-chan", "+4741234567");
    java.util.concurrent.CompletableFuture<Void> onHold = new java.util.concurrent.CompletableFuture<>();
    io.vertx.core.Promise<Void> holdEnds = io.vertx.core.Promise.promise();
    caller.onHold = round -> {
      if (round == 1) {
        onHold.complete(null);
        return holdEnds.future();
      }
      // the ACD bridged the caller: the PBX pulls the channel out of the script
      return Future.failedFuture(new CallerHungUp("m1-chan"));
    };
    Future<Void> done = script().run(caller);

    onHold.get(10, TimeUnit.SECONDS);
    ready("op2001");
    FakePbx.Ring ring = pbx.nextRing();
    holdEnds.complete(); // the operator's phone is ringing: the caller must not be dropped now
    ring.answer();
    done.await(10, TimeUnit.SECONDS);
    assertThat(caller.holds).isEqualTo(2);
    assertThat(caller.heard).contains("MusicOnHold(default,2)");
  }
}
