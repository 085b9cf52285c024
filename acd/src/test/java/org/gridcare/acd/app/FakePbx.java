package org.gridcare.acd.app;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.CallId;
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
import org.gridcare.platform.domain.DomainException;

/**
 * A hand-written PBX for ACD tests: originates wait until the test answers or refuses them; channels that were
 * hung up are gone (bridging them fails with {@code no-such-channel}); hanging up a channel emits its
 * {@link PbxEvent.ChannelHungUp} as the real PBX would.
 */
public final class FakePbx implements Pbx {
  /** An originate the ACD asked for, waiting for the test to decide how it ends. */
  record Ring(OriginateRequest request, Promise<OriginateResult> result, Context context) {
    String endpoint() {
      return request.endpoint().address();
    }

    ChannelId answer() {
      return answer(new ChannelId("op-" + endpoint() + "-" + COUNTER.incrementAndGet()));
    }

    /** Answers on the given channel (see {@link FakePbx#pbxCallOf}). */
    ChannelId answer(ChannelId channel) {
      context.runOnContext(v -> result.complete(new OriginateResult(OriginateResult.Outcome.ANSWERED, channel,
          new CallId("pbx-" + channel.value()))));
      return channel;
    }

    void noAnswer() {
      context.runOnContext(v -> result.complete(OriginateResult.failed(OriginateResult.Outcome.NO_ANSWER)));
    }
  }

  record Command(String name, List<String> args) {}

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private final Vertx vertx;
  private final LinkedBlockingQueue<Ring> rings = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<Command> commands = new LinkedBlockingQueue<>();
  private final List<Consumer<PbxEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Map<Consumer<PbxEvent>, Context> contexts = new ConcurrentHashMap<>();
  private final Set<String> gone = ConcurrentHashMap.newKeySet();
  private final Map<String, String> variables = new ConcurrentHashMap<>();

  public FakePbx(Vertx vertx) {
    this.vertx = vertx;
  }

  Ring nextRing() throws InterruptedException {
    Ring r = rings.poll(10, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("the ACD rang no operator within 10 s");
    }
    return r;
  }

  boolean rang() {
    return !rings.isEmpty();
  }

  /** The commands sent and not yet taken by {@link #next}, oldest first. */
  List<Command> commandsSoFar() {
    return List.copyOf(commands);
  }

  /** The next command named {@code name}, skipping others. */
  Command next(String name) throws InterruptedException {
    while (true) {
      Command c = commands.poll(10, TimeUnit.SECONDS);
      if (c == null) {
        throw new AssertionError("no " + name + " within 10 s");
      }
      if (c.name().equals(name)) {
        return c;
      }
    }
  }

  /** The far end (caller or operator) hangs up. */
  void hangUpFromFarEnd(String channel) {
    gone.add(channel);
    emit(new PbxEvent.ChannelHungUp(Instant.now(), new CallId("pbx"), new ChannelId(channel), HangupCause.NORMAL_CLEARING));
  }

  /** Another channel of a PBX call answered (the customer dialled by {@code cc-dial-out}). */
  void answeredOn(String pbxCall, String channel) {
    emit(new PbxEvent.ChannelAnswered(Instant.now(), new CallId(pbxCall), new ChannelId(channel)));
  }

  /** The PBX call the answered operator leg belongs to (see {@link Ring#answer()}). */
  static String pbxCallOf(ChannelId operatorChannel) {
    return "pbx-" + operatorChannel.value();
  }

  private void emit(PbxEvent event) {
    listeners.forEach(l -> contexts.get(l).runOnContext(v -> l.accept(event)));
  }

  private Future<Void> command(String name, String... args) {
    commands.add(new Command(name, List.of(args)));
    return Future.succeededFuture();
  }

  @Override
  public Future<OriginateResult> originate(OriginateRequest request) {
    Promise<OriginateResult> p = Promise.promise();
    rings.add(new Ring(request, p, vertx.getOrCreateContext()));
    return p.future();
  }

  @Override
  public Future<Void> redirect(ChannelId channel, DialplanTarget target) {
    return command("redirect", channel.value(), target.context());
  }

  @Override
  public Future<Void> redirectBoth(ChannelId first, DialplanTarget a, ChannelId second, DialplanTarget b) {
    return command("redirectBoth", first.value(), a.context(), second.value(), b.context());
  }

  @Override
  public Future<Void> hangUp(ChannelId channel, HangupCause cause) {
    if (!gone.add(channel.value())) {
      return Future.failedFuture(DomainException.notFound("no-such-channel", "no channel " + channel));
    }
    command("hangUp", channel.value());
    emit(new PbxEvent.ChannelHungUp(Instant.now(), new CallId("pbx"), channel, cause));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> bridge(ChannelId first, ChannelId second) {
    if (gone.contains(first.value()) || gone.contains(second.value())) {
      return Future.failedFuture(DomainException.notFound("no-such-channel", "channel gone"));
    }
    return command("bridge", first.value(), second.value());
  }

  @Override
  public Future<Void> startRecording(ChannelId channel, String fileName) {
    return command("startRecording", channel.value(), fileName);
  }

  @Override
  public Future<Void> stopRecording(ChannelId channel) {
    return command("stopRecording", channel.value());
  }

  @Override
  public Future<Void> muteRecording(ChannelId channel, boolean muted) {
    return command("muteRecording", channel.value(), Boolean.toString(muted));
  }

  @Override
  public Future<OriginateResult> spy(Endpoint supervisor, ChannelId target, SpyMode mode) {
    return Future.failedFuture(new UnsupportedOperationException("spy"));
  }

  @Override
  public Future<Void> setVariable(ChannelId channel, String name, String value) {
    variables.put(channel.value() + "/" + name, value);
    return command("setVariable", channel.value(), name, value);
  }

  @Override
  public Future<Optional<String>> getVariable(ChannelId channel, String name) {
    return Future.succeededFuture(Optional.ofNullable(variables.get(channel.value() + "/" + name)));
  }

  /** A variable set on the channel by someone else (the IVR over FastAGI). */
  void variable(String channel, String name, String value) {
    variables.put(channel + "/" + name, value);
  }

  @Override
  public Future<List<Channel>> activeChannels() {
    return Future.succeededFuture(new ArrayList<>());
  }

  @Override
  public AutoCloseable subscribe(Consumer<PbxEvent> listener) {
    contexts.put(listener, vertx.getOrCreateContext());
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public PbxStatus status() {
    return new PbxStatus(true, "fake");
  }
}
