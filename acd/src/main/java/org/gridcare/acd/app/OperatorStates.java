package org.gridcare.acd.app;

import static org.gridcare.acd.app.AcdContext.guarded;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.gridcare.acd.domain.Activity;
import org.gridcare.acd.domain.NotReadyReason;
import org.gridcare.acd.domain.Operator;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.StateChange;
import org.gridcare.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator state changes, by the operator (log in, ready, not ready, log out) and by the system: each one a
 * compare-and-set on the shared state, retried when another instance got there first, then stored and published.
 */
final class OperatorStates {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorStates.class);
  private static final int CAS_ATTEMPTS = 20;

  private final AcdContext ctx;
  private final OperatorHistory history;
  private final Runnable operatorFreed;
  private final Set<Long> wrapUpTimers = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  /** {@code operatorFreed}: run when an operator may have become available (to dispatch). */
  OperatorStates(AcdContext ctx, OperatorHistory history, Runnable operatorFreed) {
    this.ctx = ctx;
    this.history = history;
    this.operatorFreed = operatorFreed;
  }

  Future<OperatorStatus> login(String operatorId, String endpoint) {
    return guarded(() -> {
      Operator op = ctx.settings.operator(operatorId);
      String at = endpoint == null || endpoint.isBlank() ? op.endpoint() : endpoint;
      return change(operatorId, (s, t) -> s.login(at, t));
    });
  }

  Future<OperatorStatus> ready(String operatorId) {
    return guarded(() -> {
      ctx.settings.operator(operatorId);
      return change(operatorId, OperatorStatus::ready).onSuccess(s -> operatorFreed.run());
    });
  }

  Future<OperatorStatus> notReady(String operatorId, String reason) {
    return guarded(() -> {
      ctx.settings.operator(operatorId);
      String why = NotReadyReason.chosen(reason);
      return change(operatorId, (s, t) -> s.notReady(why, t));
    });
  }

  Future<OperatorStatus> logout(String operatorId) {
    return guarded(() -> {
      ctx.settings.operator(operatorId);
      return change(operatorId, OperatorStatus::logout);
    });
  }

  Future<OperatorView> operator(String operatorId) {
    return guarded(() -> {
      Operator op = ctx.operator(operatorId);
      return ctx.state.operator(operatorId).map(found -> new OperatorView(op,
          found.map(Versioned::value).orElseGet(() -> OperatorStatus.loggedOut(operatorId, ctx.now()))));
    });
  }

  Future<List<OperatorView>> operators() {
    return ctx.state.operators().map(list -> ctx.views(list, ctx.now()));
  }

  /** The offer of {@code offer} is withdrawn from its operator, if they still hold it. */
  Future<Void> withdraw(LiveCall offer) {
    String callId = offer.call().callId();
    return change(offer.operatorId(), (s, t) -> reservedFor(s, callId) ? s.withdrawOffer(t) : s).mapEmpty();
  }

  static boolean reservedFor(OperatorStatus s, String callId) {
    return s.activity() == Activity.RESERVED && callId.equals(s.callId());
  }

  static boolean talkingOn(OperatorStatus s, String callId) {
    return s.activity() == Activity.ON_CALL && callId.equals(s.callId());
  }

  /** Operators whose wrap-up time is over become ready (or their chosen not-ready) again. */
  Future<Void> endWrapUps() {
    return ctx.state.operators().compose(list -> {
      Instant now = ctx.now();
      List<Future<OperatorStatus>> ended = list.stream()
          .filter(v -> v.value().wrapUpOver(now))
          .map(v -> change(v.value().operatorId(), (s, t) -> s.wrapUpOver(t) ? s.endWrapUp(t) : s))
          .toList();
      if (ended.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      return Future.join(ended).otherwiseEmpty().onComplete(ar -> operatorFreed.run()).mapEmpty();
    });
  }

  /** Ends the wrap-up started now once {@code wrapUp} has passed (the tick is the safety net); not after {@link #stop}. */
  void endWrapUpAfter(Duration wrapUp) {
    if (stopped) {
      return;
    }
    long timer = ctx.vertx.setTimer(Math.max(1, wrapUp.toMillis()), id -> {
      wrapUpTimers.remove(id);
      endWrapUps();
    });
    wrapUpTimers.add(timer);
    if (stopped && wrapUpTimers.remove(timer)) {
      ctx.vertx.cancelTimer(timer);
    }
  }

  /** Cancels the pending wrap-up timers (before the shared state closes); later wrap-ups start none. */
  void stop() {
    stopped = true;
    wrapUpTimers.forEach(ctx.vertx::cancelTimer);
    wrapUpTimers.clear();
  }

  /**
   * Applies a transition with compare-and-set, re-reading and retrying when another instance changed the operator
   * in between; records the change. Domain refusals fail the future as they are.
   */
  Future<OperatorStatus> change(String operatorId, BiFunction<OperatorStatus, Instant, OperatorStatus> transition) {
    return change(operatorId, transition, 1);
  }

  private Future<OperatorStatus> change(String operatorId, BiFunction<OperatorStatus, Instant, OperatorStatus> transition,
      int attempt) {
    return ctx.state.operator(operatorId).compose(found -> {
      Instant now = ctx.now();
      Versioned<OperatorStatus> current = found.orElse(new Versioned<>(OperatorStatus.loggedOut(operatorId, now), 0));
      OperatorStatus next;
      try {
        next = transition.apply(current.value(), now);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      if (next.equals(current.value())) {
        return Future.succeededFuture(next);
      }
      return ctx.state.replaceOperator(current.version(), next).compose(written -> {
        if (written.isPresent()) {
          return recordChange(current.value(), next).map(next);
        }
        if (attempt >= CAS_ATTEMPTS) {
          return Future.failedFuture(DomainException.conflict("operator-contended",
              "Operator " + operatorId + " kept changing; try again"));
        }
        return change(operatorId, transition, attempt + 1);
      });
    });
  }

  /** Stores, logs and publishes a change already written to the shared state. */
  Future<Void> recordChange(OperatorStatus before, OperatorStatus after) {
    Optional<StateChange> change = StateChange.between(before, after);
    if (change.isEmpty()) {
      return Future.succeededFuture();
    }
    StateChange c = change.get();
    LOG.info("operator {}: {} -> {}{}", c.operatorId(), c.from().id(), c.to().id(),
        c.reason() == null ? "" : " (" + c.reason() + ")");
    return history.record(c)
        .onSuccess(v -> ctx.vertx.eventBus().publish(AcdEvents.OPERATOR_STATE, AcdEvents.stateChanged(c)));
  }
}
