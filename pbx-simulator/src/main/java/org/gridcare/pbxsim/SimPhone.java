package org.gridcare.pbxsim;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.gridcare.pbxsim.engine.Greeting;
import org.gridcare.pbxsim.engine.IncomingCallHandler;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;

/**
 * A simulated phone: an operator's or supervisor's softphone ({@code PJSIP/op1001}) or a customer reached through
 * the trunk. It rings when the PBX calls it (Originate, Dial), then answers (by itself after a delay when
 * auto-answer is on, or when told), rejects (busy) or lets it ring out. One call at a time: a phone already on a
 * call answers busy.
 */
public final class SimPhone implements IncomingCallHandler {
  private final Switchboard sb;
  private final String address;
  private final List<Consumer<SimCall>> ringListeners = new CopyOnWriteArrayList<>();
  private final List<Promise<SimCall>> ringWaiters = new ArrayList<>();
  private volatile boolean autoAnswer;
  private volatile Duration answerDelay = Duration.ZERO;
  private volatile Greeting greeting = Greeting.PERSON;
  private volatile boolean busy;
  private SimCall current;
  private RingingCall ringing;

  SimPhone(Switchboard sb, String address, boolean autoAnswer, Duration answerDelay) {
    this.sb = sb;
    this.address = address;
    this.autoAnswer = autoAnswer;
    this.answerDelay = answerDelay;
  }

  /** {@code op1001}, or {@code trunk/<number>} for an external party. */
  public String address() {
    return address;
  }

  /** Answer every incoming call right away ({@code true}) or wait to be told. */
  public SimPhone autoAnswer(boolean on) {
    return autoAnswer(on, Duration.ZERO);
  }

  public SimPhone autoAnswer(boolean on, Duration delay) {
    this.autoAnswer = on;
    this.answerDelay = delay;
    return this;
  }

  /** Answers every call after {@code delay}, greeting with {@code greeting} (a person, a machine, silence). */
  public SimPhone answeredBy(Greeting greeting, Duration delay) {
    this.greeting = Objects.requireNonNull(greeting);
    this.busy = false;
    return autoAnswer(true, delay);
  }

  /** Rejects every call as busy. */
  public SimPhone busy() {
    this.busy = true;
    return autoAnswer(false);
  }

  /** Lets every call ring until the caller gives up. */
  public SimPhone noAnswer() {
    this.busy = false;
    return autoAnswer(false);
  }

  /** Called on the simulator's context for every call that rings this phone. */
  public SimPhone onRinging(Consumer<SimCall> listener) {
    ringListeners.add(listener);
    return this;
  }

  /** The call ringing now, or the next one to ring. */
  public synchronized Future<SimCall> awaitRinging() {
    if (current != null && ringing != null && current.state() == CallState.RINGING) {
      return Future.succeededFuture(current);
    }
    Promise<SimCall> promise = Promise.promise();
    ringWaiters.add(promise);
    return promise.future();
  }

  public synchronized Optional<SimCall> currentCall() {
    return Optional.ofNullable(current).filter(c -> c.state() != CallState.HUNG_UP);
  }

  /** Answers the ringing call. */
  public Future<SimCall> answer() {
    return control().compose(r -> sb.call(() -> {
      r.call().answer();
      return r.simCall();
    }));
  }

  /** Declines the ringing call (the caller sees BUSY). */
  public Future<Void> reject() {
    return control().compose(r -> sb.call(() -> {
      r.call().reject();
      return null;
    }));
  }

  /** Hangs up the current call. */
  public Future<Void> hangUp() {
    return currentCall().map(SimCall::hangUp)
        .orElseGet(() -> Future.failedFuture(new IllegalStateException(address + " has no call")));
  }

  private record Ringing(RingingCall call, SimCall simCall) {}

  private synchronized Future<Ringing> control() {
    if (ringing == null || current == null || current.state() != CallState.RINGING) {
      return Future.failedFuture(new IllegalStateException(address + " is not ringing"));
    }
    return Future.succeededFuture(new Ringing(ringing, current));
  }

  // ---- IncomingCallHandler (engine context) ---------------------------------------------------------------------

  @Override
  public void ringing(SimChannel channel, RingingCall call) {
    SimCall sim;
    List<Promise<SimCall>> waiters;
    synchronized (this) {
      if (current != null && current.state() != CallState.HUNG_UP) {
        call.reject();
        return;
      }
      if (busy) {
        call.reject();
        return;
      }
      sim = new SimCall(sb, channel, CallState.RINGING).greets(greeting);
      sb.observe(channel, sim);
      current = sim;
      ringing = call;
      waiters = new ArrayList<>(ringWaiters);
      ringWaiters.clear();
    }
    ringListeners.forEach(l -> l.accept(sim));
    waiters.forEach(p -> p.tryComplete(sim));
    if (autoAnswer) {
      long delay = answerDelay.toMillis();
      if (delay <= 0) {
        call.answer();
      } else {
        sb.vertx().setTimer(delay, t -> call.answer());
      }
    }
  }

  @Override
  public String toString() {
    return "SimPhone[" + address + "]";
  }
}
