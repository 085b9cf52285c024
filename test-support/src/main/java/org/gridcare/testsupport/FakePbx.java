package org.gridcare.testsupport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.pbx.domain.PbxStatus;
import org.gridcare.pbx.domain.SpyMode;

/** A hand-written PBX for module tests: events are pushed by the test, commands are recorded. */
public final class FakePbx implements Pbx {
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  public final List<String> commands = new CopyOnWriteArrayList<>();

  private record Listener(Context context, Consumer<PbxEvent> consumer) {}

  /** Delivers the event to every subscriber on its context; completes when all ran. */
  public Future<Void> emit(PbxEvent event) {
    List<Future<Void>> done = listeners.stream().map(l -> {
      Promise<Void> p = Promise.promise();
      l.context().runOnContext(v -> {
        l.consumer().accept(event);
        p.complete();
      });
      return p.future();
    }).toList();
    return Future.all(done).mapEmpty();
  }

  @Override
  public AutoCloseable subscribe(Consumer<PbxEvent> listener) {
    Context ctx = Vertx.currentContext();
    if (ctx == null) {
      throw new IllegalStateException("subscribe from a Vert.x context");
    }
    Listener l = new Listener(ctx, listener);
    listeners.add(l);
    return () -> listeners.remove(l);
  }

  private Future<Void> command(String c) {
    commands.add(c);
    return Future.succeededFuture();
  }

  @Override
  public Future<OriginateResult> originate(OriginateRequest request) {
    commands.add("originate");
    return Future.succeededFuture(OriginateResult.failed(OriginateResult.Outcome.FAILED));
  }

  @Override
  public Future<Void> redirect(ChannelId channel, DialplanTarget target) {
    return command("redirect " + channel);
  }

  @Override
  public Future<Void> redirectBoth(ChannelId a, DialplanTarget at, ChannelId b, DialplanTarget bt) {
    return command("redirectBoth " + a + " " + b);
  }

  @Override
  public Future<Void> hangUp(ChannelId channel, HangupCause cause) {
    return command("hangUp " + channel);
  }

  @Override
  public Future<Void> bridge(ChannelId first, ChannelId second) {
    return command("bridge " + first + " " + second);
  }

  @Override
  public Future<Void> startRecording(ChannelId channel, String fileName) {
    return command("startRecording " + channel + " " + fileName);
  }

  @Override
  public Future<Void> stopRecording(ChannelId channel) {
    return command("stopRecording " + channel);
  }

  @Override
  public Future<Void> muteRecording(ChannelId channel, boolean muted) {
    return command("muteRecording " + channel + " " + muted);
  }

  @Override
  public Future<OriginateResult> spy(Endpoint supervisor, ChannelId target, SpyMode mode) {
    commands.add("spy");
    return Future.succeededFuture(OriginateResult.failed(OriginateResult.Outcome.FAILED));
  }

  @Override
  public Future<Void> setVariable(ChannelId channel, String name, String value) {
    return command("setVariable " + channel + " " + name);
  }

  @Override
  public Future<Optional<String>> getVariable(ChannelId channel, String name) {
    return Future.succeededFuture(Optional.empty());
  }

  @Override
  public Future<List<Channel>> activeChannels() {
    return Future.succeededFuture(List.of());
  }

  @Override
  public PbxStatus status() {
    return new PbxStatus(true, "fake");
  }
}
