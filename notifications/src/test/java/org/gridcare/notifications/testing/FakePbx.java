package org.gridcare.notifications.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbx.domain.PbxStatus;
import org.gridcare.pbx.domain.SpyMode;

/**
 * A PBX for dialler tests: each originate rings for {@code ringMillis} and then ends with the next scripted outcome
 * for that number (answered when none is scripted); an answered call then stays up {@code talkMillis}. Counts calls in
 * progress (ringing or up) and the most at once; {@code inbound} adds that many other live channels.
 */
public final class FakePbx implements Pbx {
  private final Vertx vertx;
  private final long ringMillis;
  private final Map<String, Deque<OriginateResult.Outcome>> scripted = new ConcurrentHashMap<>();
  private final List<OriginateRequest> originated = new ArrayList<>();
  private int inProgress;
  private int maxInProgress;
  private final List<ChannelId> talking = new ArrayList<>();
  public volatile int inbound;
  /** How long an answered call stays up (its channel listed, counted in progress) after the originate answered. */
  public volatile long talkMillis;
  /**
   * What happens on an answered call while its channel is up (e.g. the notify script records the message as played);
   * the channel is gone {@code talkMillis} after it completes. Without one, the party hangs up before any message.
   */
  public volatile Function<OriginateRequest, Future<Void>> whileUp;

  public FakePbx(Vertx vertx, long ringMillis) {
    this.vertx = vertx;
    this.ringMillis = ringMillis;
  }

  public void script(String number, OriginateResult.Outcome... outcomes) {
    scripted.put(number, new ArrayDeque<>(List.of(outcomes)));
  }

  private final java.util.concurrent.CompletableFuture<Void> firstCall = new java.util.concurrent.CompletableFuture<>();

  /** Completes when the first call was placed. */
  public java.util.concurrent.CompletableFuture<Void> firstCall() {
    return firstCall;
  }

  public synchronized List<OriginateRequest> originated() {
    return List.copyOf(originated);
  }

  public synchronized int maxInProgress() {
    return maxInProgress;
  }

  @Override
  public Future<OriginateResult> originate(OriginateRequest request) {
    synchronized (this) {
      originated.add(request);
      inProgress++;
      maxInProgress = Math.max(maxInProgress, inProgress);
    }
    firstCall.complete(null);
    Deque<OriginateResult.Outcome> outcomes = scripted.get(request.endpoint().address());
    OriginateResult.Outcome outcome = outcomes == null || outcomes.isEmpty() ? OriginateResult.Outcome.ANSWERED
        : outcomes.poll();
    Promise<OriginateResult> result = Promise.promise();
    vertx.setTimer(ringMillis, id -> {
      ChannelId channel = new ChannelId("PJSIP/trunk-" + id);
      Function<OriginateRequest, Future<Void>> up = whileUp;
      boolean talks = outcome == OriginateResult.Outcome.ANSWERED && (talkMillis > 0 || up != null);
      synchronized (this) {
        if (talks) {
          talking.add(channel);
        } else {
          inProgress--;
        }
      }
      if (talks) {
        (up == null ? Future.<Void>succeededFuture() : up.apply(request)).onComplete(done ->
            vertx.setTimer(Math.max(1, talkMillis), t -> {
              synchronized (this) {
                talking.remove(channel);
                inProgress--;
              }
            }));
      }
      result.complete(outcome == OriginateResult.Outcome.ANSWERED
          ? new OriginateResult(outcome, channel, new CallId("call-" + id))
          : OriginateResult.failed(outcome));
    });
    return result.future();
  }

  @Override
  public synchronized Future<List<Channel>> activeChannels() {
    List<Channel> channels = new ArrayList<>();
    for (int i = 0; i < inbound + inProgress - talking.size(); i++) {
      channels.add(new Channel(new ChannelId("c" + i), new CallId("k" + i), "PJSIP/trunk", ChannelState.UP, null,
          null, null, null, Instant.now()));
    }
    for (ChannelId t : talking) {
      channels.add(new Channel(t, new CallId("k-" + t), "PJSIP/trunk", ChannelState.UP, null, null, null, null,
          Instant.now()));
    }
    return Future.succeededFuture(channels);
  }

  private static <T> Future<T> unsupported() {
    return Future.failedFuture(new UnsupportedOperationException("not used by the notifications module"));
  }

  @Override public Future<Void> redirect(ChannelId c, DialplanTarget t) { return unsupported(); }
  @Override public Future<Void> redirectBoth(ChannelId a, DialplanTarget at, ChannelId b, DialplanTarget bt) { return unsupported(); }
  @Override public Future<Void> hangUp(ChannelId c, HangupCause cause) { return unsupported(); }
  @Override public Future<Void> bridge(ChannelId a, ChannelId b) { return unsupported(); }
  @Override public Future<Void> startRecording(ChannelId c, String f) { return unsupported(); }
  @Override public Future<Void> stopRecording(ChannelId c) { return unsupported(); }
  @Override public Future<Void> muteRecording(ChannelId c, boolean m) { return unsupported(); }
  @Override public Future<OriginateResult> spy(Endpoint s, ChannelId t, SpyMode m) { return unsupported(); }
  @Override public Future<Void> setVariable(ChannelId c, String n, String v) { return unsupported(); }
  @Override public Future<Optional<String>> getVariable(ChannelId c, String n) { return unsupported(); }
  @Override public AutoCloseable subscribe(Consumer<PbxEvent> listener) { return () -> { }; }
  @Override public PbxStatus status() { return null; }
}
