package org.gridcare.acd.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.acd.redis.RedisAcdState;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.testsupport.RealServers;
import org.junit.jupiter.api.Test;

/** Callbacks: the caller keeps their place, the operator is connected first, then the customer is dialled. */
@RealServers
class AcdCallbackTest extends AcdHarness {
  private static final String PHONE = "+4741234567";
  /** Set by a test: the operator's channel hangs up as soon as the ACD starts counting the callback attempt. */
  private final CompletableFuture<ChannelId> hangUpWhenDialling = new CompletableFuture<>();

  /**
   * The real store, but the attempt is counted slowly when {@link #hangUpWhenDialling} is set: the hang-up is sent
   * first, and the update waits until the hang-up was handled (the missed attempt journalled) or a second passed.
   */
  @Override
  protected Callbacks callbackStore(Vertx vertx, Callbacks stored) {
    return new Callbacks() {
      @Override
      public Future<Void> create(Callback callback) {
        return stored.create(callback);
      }

      @Override
      public Future<Optional<Callback>> find(String callId) {
        return stored.find(callId);
      }

      @Override
      public Future<Void> dialling(String callId, String operatorId, Instant at) {
        if (!hangUpWhenDialling.isDone()) {
          return stored.dialling(callId, operatorId, at);
        }
        pbx.hangUpFromFarEnd(hangUpWhenDialling.join().value());
        Promise<Void> handled = Promise.promise();
        long timer = vertx.setTimer(1000, id -> handled.tryComplete());
        journal.whenWritten("acd.callback.missed", callId).thenRun(() -> {
          vertx.cancelTimer(timer);
          handled.tryComplete();
        });
        return handled.future().compose(v -> stored.dialling(callId, operatorId, at));
      }

      @Override
      public Future<Void> update(String callId, Callback.Status status, Instant at) {
        return stored.update(callId, status, at);
      }
    };
  }

  private Callback stored(String callId) throws Exception {
    return await(new org.gridcare.acd.pg.PgCallbacks(storage.pool()).find(callId)).orElseThrow();
  }

  /** A line-2 caller waits a minute, asks for a callback and hangs up; nobody counts it as abandoned. */
  private void waitAndAskForCallback(String callId, String channel) throws Exception {
    await(acd.enqueue(QueueRequest.of("first", "first-chan", "metering")));
    clock.advance(Duration.ofSeconds(5));
    await(acd.enqueue(QueueRequest.of(callId, channel, "metering")));
    clock.advance(Duration.ofSeconds(60));
    Callback cb = await(acd.requestCallback(callId, "412 34 567"));
    assertThat(cb.phone()).isEqualTo(PHONE);
    assertThat(journal.await("acd.callback.requested", callId).phone()).isEqualTo(PHONE);

    pbx.hangUpFromFarEnd(channel);
    // hang-ups are handled in order: once the first caller's abandon is journalled, ours was handled too
    pbx.hangUpFromFarEnd("first-chan");
    journal.await("acd.call.abandoned", "first");
    assertThat(journal.written()).noneMatch(e -> e.type().equals("acd.call.abandoned") && callId.equals(e.callId()));
    WaitingCall kept = await(acd.waiting()).get(0);
    assertThat(kept.callId()).isEqualTo(callId);
    assertThat(kept.callback()).isTrue();
    assertThat(kept.enqueuedAt()).as("keeps the place").isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void theOperatorIsConnectedFirstThenTheCustomerIsDialled() throws Exception {
    waitAndAskForCallback("call-1", "caller-1");
    ready("op2001");

    FakePbx.Ring ring = pbx.nextRing();
    assertThat(ring.endpoint()).isEqualTo("PJSIP/op2001");
    assertThat(ring.request().target().context()).isEqualTo("cc-dial-out");
    assertThat(ring.request().variables()).containsEntry("CC_DIAL_NUMBER", PHONE).containsEntry("CC_WHISPER", "metering");
    ChannelId operatorChannel = ring.answer();
    journal.await("acd.callback.dialled", "call-1");
    journal.await("acd.call.answered", "call-1");
    assertThat(status("op2001").state()).isEqualTo(OperatorState.ON_CALL);
    assertThat(stored("call-1").attempts()).isEqualTo(1);

    pbx.answeredOn(FakePbx.pbxCallOf(operatorChannel), "customer-1");
    assertThat(journal.await("acd.callback.connected", "call-1").operatorId()).isEqualTo("op2001");
    assertThat(stored("call-1").status()).isEqualTo(Callback.Status.CONNECTED);

    pbx.hangUpFromFarEnd(operatorChannel.value());
    assertThat(journal.await("acd.call.completed", "call-1").data()).containsEntry("connected", true);
    assertThat(journal.written()).noneMatch(e -> e.type().equals("acd.callback.missed"));
  }

  @Test
  void aCustomerWhoDoesNotAnswerIsAMissedCallbackTriedAgainFromTheQueuesEnd() throws Exception {
    waitAndAskForCallback("call-1", "caller-1");
    ready("op2001");
    ChannelId operatorChannel = pbx.nextRing().answer();
    journal.await("acd.callback.dialled", "call-1");
    clock.advance(Duration.ofSeconds(40));

    pbx.hangUpFromFarEnd(operatorChannel.value());
    JournalEntry missed = journal.await("acd.callback.missed", "call-1");
    assertThat(missed.data()).containsEntry("attempts", 1).containsEntry("retry", true);
    assertThat(journal.await("acd.call.completed", "call-1").data()).as("no conversation: not a handled call")
        .containsEntry("connected", false);
    assertThat(stored("call-1").status()).isEqualTo(Callback.Status.WAITING);
    WaitingCall again = await(acd.waiting()).get(0);
    assertThat(again.callback()).isTrue();
    assertThat(again.enqueuedAt()).isEqualTo(T0.plusSeconds(105));
  }

  @Test
  void aCustomerWhoDeclinesAtOnceIsAMissedAttemptCountedAndTriedAgain() throws Exception {
    waitAndAskForCallback("call-1", "caller-1");
    ready("op2001");
    FakePbx.Ring ring = pbx.nextRing();
    hangUpWhenDialling.complete(ring.answer());

    JournalEntry missed = journal.await("acd.callback.missed", "call-1");
    assertThat(missed.data()).containsEntry("attempts", 1).containsEntry("retry", true);
    List<String> types = journal.written().stream().filter(e -> "call-1".equals(e.callId())).map(JournalEntry::type)
        .toList();
    assertThat(types).containsSubsequence("acd.callback.dialled", "acd.call.answered", "acd.call.completed",
        "acd.callback.missed");
    assertThat(journal.await("acd.call.completed", "call-1").data()).containsEntry("connected", false);
    assertThat(stored("call-1")).extracting(Callback::status, Callback::attempts)
        .containsExactly(Callback.Status.WAITING, 1);
    assertThat(status("op2001").state()).as("not left on a call that ended").isEqualTo(OperatorState.WRAP_UP);

    clock.advance(Duration.ofMinutes(2)); // the line's wrap-up is over: the next tick frees the operator
    FakePbx.Ring again = pbx.nextRing();
    assertThat(again.endpoint()).isEqualTo("PJSIP/op2001");
    assertThat(again.request().variables()).containsEntry("CC_DIAL_NUMBER", PHONE);
  }

  @Test
  void aHangUpHandledBeforeTheAnswerArrivesEndsTheAttemptToo(Vertx vertx) throws Exception {
    waitAndAskForCallback("call-1", "caller-1");
    ready("op2001");
    FakePbx.Ring ring = pbx.nextRing();
    ChannelId operatorChannel = new ChannelId("op-declined-at-once");
    // another instance handled the operator leg's hang-up before this one registered the leg
    await(new RedisAcdState(vertx, storage.redis()).hungUp(operatorChannel.value()));
    ring.answer(operatorChannel);

    assertThat(journal.await("acd.callback.missed", "call-1").data()).containsEntry("attempts", 1)
        .containsEntry("retry", true);
    assertThat(stored("call-1").status()).isEqualTo(Callback.Status.WAITING);
    assertThat(await(acd.waiting())).extracting(WaitingCall::callId).containsExactly("call-1");
    assertThat(status("op2001").state()).isEqualTo(OperatorState.WRAP_UP);
  }

  @Test
  void aCallbackIsOfferedOnlyToACallerWhoWaitedLongEnough() throws Exception {
    await(acd.enqueue(QueueRequest.of("call-1", "caller-1", "metering")));
    clock.advance(Duration.ofSeconds(59));
    assertThat(failure(acd.requestCallback("call-1", PHONE)).id()).isEqualTo("callback-not-offered-yet");
    assertThat(failure(acd.requestCallback("call-9", PHONE)).id()).isEqualTo("call-not-waiting");
    assertThat(failure(acd.requestCallback("call-1", "12")).id()).isEqualTo("invalid-phone-number");
    clock.advance(Duration.ofSeconds(1));
    await(acd.requestCallback("call-1", PHONE));
    assertThat(failure(acd.requestCallback("call-1", PHONE)).id()).isEqualTo("callback-already-requested");
  }
}
