package org.gridcare.pbxsim;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.gridcare.pbxsim.engine.ChannelObserver;
import org.gridcare.pbxsim.engine.Greeting;
import org.gridcare.pbxsim.engine.HangupCause;
import org.gridcare.pbxsim.engine.HangupOrigin;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;

/**
 * One simulated party on one channel: a caller who dialled the toll-free number, or a softphone's incoming call.
 * The party listens (prompts heard, music on hold), presses digits and hangs up. Every await returns a future that
 * completes on the simulator's context, immediately when the condition already holds.
 */
public final class SimCall implements ChannelObserver {
  private final Switchboard sb;
  private final SimChannel channel;
  private final List<String> prompts = new ArrayList<>();
  private final List<Waiter<String>> promptWaiters = new ArrayList<>();
  private final List<Waiter<CallState>> stateWaiters = new ArrayList<>();
  private final List<Waiter<Boolean>> musicWaiters = new ArrayList<>();
  private CallState state;
  private boolean music;
  private volatile long speechMillis = 1000;
  private volatile Greeting greeting = Greeting.PERSON;

  private record Waiter<T>(Predicate<T> condition, Promise<T> promise) {}

  SimCall(Switchboard sb, SimChannel channel, CallState initial) {
    this.sb = sb;
    this.channel = channel;
    this.state = initial;
  }

  /** Channel name, e.g. {@code PJSIP/trunk-0000000a}. */
  public String channel() {
    return channel.name();
  }

  public String uniqueId() {
    return channel.uniqueId();
  }

  public synchronized CallState state() {
    return state;
  }

  /** The Q.850 cause the channel ended with, once hung up. */
  public int hangupCause() {
    return channel.hungUp() ? channel.hangupCause() : -1;
  }

  /** Names of the sound files heard so far, in order (prompts, whispers, digits). */
  public synchronized List<String> prompts() {
    return List.copyOf(prompts);
  }

  public synchronized boolean hearingMusicOnHold() {
    return music;
  }

  /** Presses DTMF digits ({@code 0-9 * #}); they reach whatever listens, or wait as type-ahead. */
  public Future<Void> press(String digits) {
    for (char c : digits.toCharArray()) {
      if ("0123456789*#ABCD".indexOf(c) < 0) {
        return Future.failedFuture(new IllegalArgumentException("not a DTMF digit: '" + c + "'"));
      }
    }
    return sb.call(() -> {
      for (char c : digits.toCharArray()) {
        sb.dtmf(channel, c);
      }
      return null;
    });
  }

  /** The party presses hold on the phone: Hold event, hold music for the other side of the bridge. */
  public Future<Void> hold() {
    return sb.call(() -> {
      sb.phoneHold(channel, true);
      return null;
    });
  }

  /** The party takes the call off hold: Unhold event, the other side's hold music stops. */
  public Future<Void> unhold() {
    return sb.call(() -> {
      sb.phoneHold(channel, false);
      return null;
    });
  }

  /** The party hangs up (SIP BYE). */
  public Future<Void> hangUp() {
    return sb.call(() -> {
      sb.hangup(channel, HangupCause.NORMAL_CLEARING, HangupOrigin.PARTY);
      return null;
    });
  }

  /**
   * A caller's patience: hangs up after {@code patience} unless by then the call is bridged to someone (an operator
   * took it) or already over. Returns this for chaining.
   */
  public SimCall abandonAfter(Duration patience) {
    sb.vertx().setTimer(Math.max(1, patience.toMillis()), t -> {
      CallState now = state();
      if (now != CallState.BRIDGED && now != CallState.HUNG_UP) {
        hangUp();
      }
    });
    return this;
  }

  /** How long the party talks when recorded (RECORD FILE) before falling silent. */
  public SimCall speakFor(Duration duration) {
    this.speechMillis = duration.toMillis();
    return this;
  }

  /** What the party says on answering, which answering machine detection ({@code AMD}) listens to. */
  public SimCall greets(Greeting greeting) {
    this.greeting = Objects.requireNonNull(greeting);
    return this;
  }

  /** Completes when a prompt named {@code name} (or ending in {@code /name}) has started playing. */
  public Future<String> awaitPrompt(String name) {
    return awaitPrompt(p -> p.equals(name) || p.endsWith("/" + name), true);
  }

  /** Completes with the next prompt that starts playing after this call. */
  public Future<String> awaitNextPrompt() {
    return awaitPrompt(p -> true, false);
  }

  private synchronized Future<String> awaitPrompt(Predicate<String> condition, boolean includeHeard) {
    if (includeHeard) {
      for (String p : prompts) {
        if (condition.test(p)) {
          return Future.succeededFuture(p);
        }
      }
    }
    if (state == CallState.HUNG_UP) {
      return Future.failedFuture(new IllegalStateException(channel.name() + " hung up before the prompt"));
    }
    Promise<String> promise = Promise.promise();
    promptWaiters.add(new Waiter<>(condition, promise));
    return promise.future();
  }

  /** Completes when the call is (or becomes) in {@code wanted}; fails if it hangs up first. */
  public synchronized Future<Void> awaitState(CallState wanted) {
    if (state == wanted) {
      return Future.succeededFuture();
    }
    if (state == CallState.HUNG_UP) {
      return Future.failedFuture(new IllegalStateException(channel.name() + " hung up"));
    }
    Promise<CallState> promise = Promise.promise();
    stateWaiters.add(new Waiter<>(s -> s == wanted, promise));
    return promise.future().mapEmpty();
  }

  public synchronized Future<Void> awaitMusicOnHold(boolean playing) {
    if (music == playing) {
      return Future.succeededFuture();
    }
    Promise<Boolean> promise = Promise.promise();
    musicWaiters.add(new Waiter<>(m -> m == playing, promise));
    return promise.future().mapEmpty();
  }

  // ---- ChannelObserver (engine context) -------------------------------------------------------------------------

  @Override
  public void prompt(String name) {
    List<Promise<String>> ready = new ArrayList<>();
    synchronized (this) {
      prompts.add(name);
      promptWaiters.removeIf(w -> w.condition().test(name) && ready.add(w.promise()));
    }
    ready.forEach(p -> p.tryComplete(name));
  }

  @Override
  public void phase(Phase phase) {
    CallState next = switch (phase) {
      case RINGING -> CallState.RINGING;
      case UP, UNBRIDGED -> CallState.UP;
      case BRIDGED -> CallState.BRIDGED;
      case HUNG_UP -> CallState.HUNG_UP;
    };
    List<Promise<CallState>> ready = new ArrayList<>();
    List<Waiter<CallState>> failed = new ArrayList<>();
    List<Promise<String>> promptsFailed = new ArrayList<>();
    synchronized (this) {
      if (state == CallState.HUNG_UP || (next == CallState.UP && state == CallState.UP)) {
        return;
      }
      state = next;
      stateWaiters.removeIf(w -> w.condition().test(next) && ready.add(w.promise()));
      if (next == CallState.HUNG_UP) {
        failed.addAll(stateWaiters);
        stateWaiters.clear();
        promptWaiters.forEach(w -> promptsFailed.add(w.promise()));
        promptWaiters.clear();
      }
    }
    ready.forEach(p -> p.tryComplete(next));
    IllegalStateException gone = new IllegalStateException(channel.name() + " hung up");
    failed.forEach(w -> w.promise().tryFail(gone));
    promptsFailed.forEach(p -> p.tryFail(gone));
  }

  @Override
  public void musicOnHold(boolean playing) {
    List<Promise<Boolean>> ready = new ArrayList<>();
    synchronized (this) {
      music = playing;
      musicWaiters.removeIf(w -> w.condition().test(playing) && ready.add(w.promise()));
    }
    ready.forEach(p -> p.tryComplete(playing));
  }

  @Override
  public long speechMillis() {
    return speechMillis;
  }

  @Override
  public Greeting greeting() {
    return greeting;
  }

  @Override
  public String toString() {
    return "SimCall[" + channel.name() + " " + state() + "]";
  }
}
