package org.gridcare.ivr.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.gridcare.pbx.CallSession;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.RecordResult;
import org.gridcare.pbx.domain.SessionInfo;

/**
 * A caller on an in-process PBX: every command completes after a timer (a prompt "plays" for {@code promptMs}, the
 * caller "thinks" for {@code thinkMs}), answers come from a list of key presses. Measures the time from the moment
 * the caller's digits are delivered to the moment the IVR starts the next prompt.
 */
final class BenchPbxSession implements CallSession {
  private final Vertx vertx;
  private final SessionInfo info;
  private final Deque<String> keys;
  private final long promptMs;
  private final long thinkMs;
  private final LongConsumer latencyNanos;
  private long digitsDeliveredAt = -1;
  private boolean hungUp;

  BenchPbxSession(Vertx vertx, String callId, String callerNumber, List<String> keys, long promptMs, long thinkMs,
      LongConsumer latencyNanos) {
    this.vertx = vertx;
    this.info = new SessionInfo(new ChannelId(callId + "-chan"), new CallId(callId), callerNumber, null, "800", "ivr",
        Map.of(), List.of(), "en");
    this.keys = new ArrayDeque<>(keys);
    this.promptMs = promptMs;
    this.thinkMs = thinkMs;
    this.latencyNanos = latencyNanos;
  }

  private void promptStarts() {
    if (digitsDeliveredAt >= 0) {
      latencyNanos.accept(System.nanoTime() - digitsDeliveredAt);
      digitsDeliveredAt = -1;
    }
  }

  private <T> Future<T> after(long ms, T value) {
    Promise<T> p = Promise.promise();
    vertx.setTimer(Math.max(1, ms), id -> p.complete(value));
    return p.future();
  }

  @Override
  public SessionInfo info() {
    return info;
  }

  @Override
  public Future<Void> answer() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<Character>> play(String prompt, String escapeDigits) {
    promptStarts();
    return after(promptMs, Optional.empty());
  }

  @Override
  public Future<String> collect(String prompt, Duration timeout, int maxDigits) {
    promptStarts();
    String typed = keys.isEmpty() ? "" : keys.poll();
    return after(promptMs + thinkMs, typed).onSuccess(t -> {
      if (!t.isEmpty()) {
        digitsDeliveredAt = System.nanoTime();
      }
    });
  }

  @Override
  public Future<Optional<Character>> waitForDigit(Duration timeout) {
    return after(thinkMs, Optional.empty());
  }

  @Override
  public Future<RecordResult> record(String file, String escapeDigits, Duration maxLength, Duration silence) {
    promptStarts();
    return after(thinkMs, new RecordResult(file, Optional.of('#'), false));
  }

  @Override
  public Future<Integer> exec(String application, String arguments) {
    return after(1, 0);
  }

  @Override
  public Future<Void> setVariable(String name, String value) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Optional<String>> getVariable(String name) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<Void> hangUp() {
    hungUp = true;
    return Future.succeededFuture();
  }

  @Override
  public boolean hungUp() {
    return hungUp;
  }
}
