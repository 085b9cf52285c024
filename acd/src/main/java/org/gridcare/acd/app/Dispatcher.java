package org.gridcare.acd.app;

import static org.gridcare.acd.app.AcdContext.data;
import static org.gridcare.acd.app.AcdContext.entry;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gridcare.acd.domain.Assignment;
import org.gridcare.acd.domain.HandleTime;
import org.gridcare.acd.domain.NotReadyReason;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.OverflowDestination;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers waiting calls to free operators: decides with the routing policy, reserves atomically, rings the operator
 * with a whisper and bridges the caller on answer (or, for a callback, lets {@code cc-dial-out} dial the customer);
 * handles ring-no-answer; sends calls to other centres at peak.
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  /** Left on the caller's channel when bridged: who they talked to (the post-call survey files its answer under it). */
  static final String OPERATOR = "CC_OPERATOR";

  private final AcdContext ctx;
  private final OperatorStates operators;
  private final Callbacks callbacks;
  private final CallEvents events;
  private final AtomicBoolean dispatching = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile boolean stopped;

  Dispatcher(AcdContext ctx, OperatorStates operators, Callbacks callbacks, CallEvents events) {
    this.ctx = ctx;
    this.operators = operators;
    this.callbacks = callbacks;
    this.events = events;
  }

  /** No pass starts after this (the instance is shutting down). */
  void stop() {
    stopped = true;
  }

  /** One pass at a time per instance; a request during a pass runs one more pass after it. */
  Future<Void> dispatch() {
    if (stopped) {
      return Future.succeededFuture();
    }
    if (!dispatching.compareAndSet(false, true)) {
      again.set(true);
      return Future.succeededFuture();
    }
    again.set(false);
    return dispatchOnce()
        .onFailure(e -> LOG.warn("dispatch pass failed: {}", e.toString()))
        .otherwiseEmpty()
        .eventually(() -> {
          dispatching.set(false);
          if (again.getAndSet(false)) {
            dispatch();
          }
          return Future.succeededFuture();
        });
  }

  private Future<Void> dispatchOnce() {
    Future<List<Versioned<OperatorStatus>>> ops = ctx.state.operators();
    Future<List<WaitingCall>> calls = ctx.state.waiting();
    Future<Boolean> emergency = ctx.state.emergency();
    Future<Map<Integer, HandleTime>> handle = ctx.state.handleTimes();
    return Future.all(ops, calls, emergency, handle).compose(all -> {
      Instant now = ctx.now();
      Map<String, Long> versions = new HashMap<>();
      ops.result().forEach(v -> versions.put(v.value().operatorId(), v.version()));
      List<OperatorView> staff = ctx.views(ops.result(), now);
      List<WaitingCall> waiting = calls.result();
      ctx.metrics.observe(waiting, staff, now);
      List<Future<Void>> work = new ArrayList<>();
      Set<String> offered = new HashSet<>();
      for (Assignment a : ctx.settings.routing().assign(waiting, staff, now)) {
        offered.add(a.call().callId());
        work.add(offer(a, versions.getOrDefault(a.operator().id(), 0L), now));
      }
      for (WaitingCall call : waiting) {
        if (offered.contains(call.callId())) {
          continue;
        }
        Duration aht = handle.result().getOrDefault(call.line(), HandleTime.initial()).mean();
        Optional<Duration> estimate = ctx.settings.routing().estimatedWait(call, waiting, staff, aht, now);
        ctx.settings.peakOverflow().decide(call, false, estimate, emergency.result())
            .ifPresent(d -> work.add(overflow(call, d, estimate)));
      }
      return Future.join(work).otherwiseEmpty().mapEmpty();
    });
  }

  /** Reserves the operator for the call; the ringing goes on after this pass (it can last ring-no-answer). */
  private Future<Void> offer(Assignment a, long version, Instant now) {
    WaitingCall call = a.call();
    OperatorStatus before = a.operator().status();
    OperatorStatus reserved = before.reserve(call.callId(), now);
    LiveCall offer = LiveCall.offered(call, a.operator().id(), now);
    return ctx.state.reserve(version, reserved, call.callId(), offer).compose(won -> {
      if (!won) {
        again.set(true);
        return Future.<Void>succeededFuture();
      }
      return operators.recordChange(before, reserved)
          .compose(v -> ctx.record(entry("acd.call.offered", call, now).operator(a.operator().id())
              .data(data("waitedMs", call.waited(now).toMillis(), "overflow", a.overflow(), "topic", call.topic()))))
          .onSuccess(v -> ring(offer, reserved).onFailure(e ->
              LOG.warn("offering call {} to {} failed: {}", call.callId(), a.operator().id(), e.toString())));
    });
  }

  /**
   * Rings the operator with a whisper of the topic. A live caller is bridged when the operator answers; for a
   * callback the operator's leg goes to {@code cc-dial-out}, which dials the customer once the operator answered.
   */
  private Future<Void> ring(LiveCall offer, OperatorStatus operator) {
    WaitingCall call = offer.call();
    Map<String, String> whisper = Map.of("CC_WHISPER", call.topic(), "CC_CALL", call.callId());
    Future<OriginateRequest> request = call.callback()
        ? callbacks.find(call.callId()).map(cb -> {
            Map<String, String> vars = new HashMap<>(whisper);
            vars.put("CC_DIAL_NUMBER", cb.orElseThrow(() -> DomainException.notFound("no-such-callback",
                "No callback stored for call " + call.callId())).phone());
            return new OriginateRequest(Endpoint.device(operator.endpoint()), DialplanTarget.of(Contexts.DIAL_OUT),
                null, call.topic(), vars, ctx.settings.ringNoAnswer());
          })
        : Future.succeededFuture(new OriginateRequest(Endpoint.device(operator.endpoint()),
            DialplanTarget.of(Contexts.OPERATOR), null, call.topic(), whisper, ctx.settings.ringNoAnswer()));
    return request.compose(ctx.pbx::originate).transform(ar -> ar.succeeded()
        ? rang(offer, ar.result())
        : unreachable(offer, ar.cause()));
  }

  private Future<Void> rang(LiveCall offer, OriginateResult result) {
    String callId = offer.call().callId();
    if (!result.answered()) {
      return ringNoAnswer(offer, result.outcome().name().toLowerCase(Locale.ROOT));
    }
    ChannelId operatorChannel = result.channel();
    String pbxCall = result.call() == null ? operatorChannel.value() : result.call().value();
    return ctx.state.liveCall(callId).compose(live -> {
      if (live.isEmpty()) {
        LOG.info("operator {} answered call {} after the caller left", offer.operatorId(), callId);
        return ctx.pbx.hangUp(operatorChannel, HangupCause.NORMAL_CLEARING).otherwiseEmpty()
            .compose(v -> operators.withdraw(offer));
      }
      Leg leg = Leg.operator(callId, offer.operatorId());
      return ctx.state.putLiveLeg(operatorChannel.value(), leg).compose(up -> !up && !offer.call().callback()
          // the softphone hung up as it answered: as if it had not answered, the caller keeps waiting
          ? ringNoAnswer(offer, "hung-up")
          : (offer.call().callback()
              ? ctx.state.putLeg(Leg.callbackKey(pbxCall), Leg.callback(callId, offer.operatorId()))
              : ctx.pbx.setVariable(new ChannelId(offer.call().channel()), OPERATOR, offer.operatorId())
                  .compose(x -> ctx.pbx.bridge(new ChannelId(offer.call().channel()), operatorChannel)))
          .compose(v -> connected(live.get(), operatorChannel, pbxCall, up),
              e -> callerGoneAtAnswer(offer, operatorChannel, e)));
    });
  }

  /**
   * Counts a callback's attempt ({@code acd.callback.dialled}) before the live call is marked answered, so the
   * hang-up of an attempt the customer declines at once finds it counted. A hang-up seen before the mark (or {@code
   * up} false: it came before the operator's leg was registered) leaves the call to be finished here; one seen just
   * after it finds the operator still reserved, which {@link CallEvents#finish} handles.
   */
  private Future<Void> connected(LiveCall live, ChannelId operatorChannel, String pbxCall, boolean up) {
    Instant now = ctx.now();
    LiveCall answered = live.answered(operatorChannel.value(), pbxCall, now);
    WaitingCall call = live.call();
    Future<Void> dialling = call.callback()
        ? callbacks.dialling(call.callId(), live.operatorId(), now)
            .compose(x -> ctx.record(entry("acd.callback.dialled", call, now).operator(live.operatorId())))
        : Future.succeededFuture();
    return dialling
        .compose(v -> up ? ctx.state.updateLive(answered) : Future.succeededFuture(false))
        .compose(marked -> marked
            ? operators.change(live.operatorId(), (s, t) -> OperatorStates.reservedFor(s, call.callId()) ? s.answer(t) : s)
                .compose(s -> recordAnswer(answered, true))
            : endedAtAnswer(answered, operatorChannel));
  }

  /** The answer journalled (and the operator's screen pop while the call lasts). */
  private Future<Void> recordAnswer(LiveCall answered, boolean lasting) {
    WaitingCall call = answered.call();
    Duration waited = call.waited(answered.answeredAt());
    if (lasting) {
      ctx.vertx.eventBus().publish(AcdEvents.SCREEN_POP, AcdEvents.screenPop(answered.operatorId(), call));
    }
    ctx.metrics.callLeftQueue(call.line(), AcdMetrics.ANSWERED, waited);
    return ctx.record(entry("acd.call.answered", call, answered.answeredAt()).operator(answered.operatorId())
        .data(data("waitedMs", waited.toMillis(), "topic", call.topic(), "callback", call.callback())));
  }

  /**
   * The call ended before it was marked answered. The caller's hang-up removed it (abandoned, the operator's leg still
   * registered): the operator's leg is hung up and the operator freed. Otherwise the operator's leg hung up (or was
   * gone before it was registered): the answer is journalled and the call ends as any conversation.
   */
  private Future<Void> endedAtAnswer(LiveCall answered, ChannelId operatorChannel) {
    LOG.info("call {} ended while operator {} answered it", answered.call().callId(), answered.operatorId());
    return ctx.state.removeLive(answered.call().callId()).compose(removed ->
        ctx.state.takeLeg(operatorChannel.value()).compose(leg -> removed.isEmpty() && leg.isPresent()
            ? ctx.pbx.hangUp(operatorChannel, HangupCause.NORMAL_CLEARING).otherwiseEmpty()
                .compose(v -> operators.withdraw(answered))
            : recordAnswer(answered, false).compose(v -> events.finish(answered))));
  }

  /** The bridge failed: the caller's channel is gone. The call ends here as abandoned; the operator is freed. */
  private Future<Void> callerGoneAtAnswer(LiveCall offer, ChannelId operatorChannel, Throwable cause) {
    LOG.info("bridging call {} failed ({}); releasing operator {}", offer.call().callId(), cause.toString(),
        offer.operatorId());
    return ctx.state.takeLeg(operatorChannel.value())
        .compose(v -> ctx.pbx.hangUp(operatorChannel, HangupCause.NORMAL_CLEARING).otherwiseEmpty())
        .compose(v -> ctx.state.removeLive(offer.call().callId()))
        .compose(removed -> removed.isPresent() ? ctx.abandoned(offer.call(), offer.operatorId()) : Future.succeededFuture())
        .compose(v -> operators.withdraw(offer));
  }

  /** Ring-no-answer (or busy, or not registered): the operator goes not ready, the call back to its place. */
  private Future<Void> ringNoAnswer(LiveCall offer, String outcome) {
    String callId = offer.call().callId();
    return ctx.state.requeue(callId).compose(back -> {
      if (back.isEmpty()) {
        return operators.withdraw(offer);
      }
      LOG.info("operator {} did not answer call {} ({}): not ready, call requeued", offer.operatorId(), callId, outcome);
      return operators.change(offer.operatorId(), (s, t) -> OperatorStates.reservedFor(s, callId) ? s.noAnswer(t) : s)
          .compose(s -> ctx.record(entry("acd.call.requeued", back.get(), ctx.now()).operator(offer.operatorId())
              .data(data("reason", NotReadyReason.NO_ANSWER, "outcome", outcome))))
          .onSuccess(v -> dispatch());
    });
  }

  /** The PBX could not be asked to ring: not the operator's fault; the call goes back and the tick retries. */
  private Future<Void> unreachable(LiveCall offer, Throwable cause) {
    LOG.warn("could not ring operator {} for call {}: {}", offer.operatorId(), offer.call().callId(), cause.toString());
    return ctx.state.requeue(offer.call().callId()).compose(v -> operators.withdraw(offer));
  }

  /** Peak overflow: the caller is sent to another centre through the trunk. */
  private Future<Void> overflow(WaitingCall call, OverflowDestination to, Optional<Duration> estimate) {
    return ctx.state.removeWaiting(call.callId()).compose(removed -> {
      if (removed.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      Instant now = ctx.now();
      ChannelId channel = new ChannelId(call.channel());
      LOG.info("call {} overflows to {} (estimated wait {})", call.callId(), to.name(),
          estimate.map(Duration::toString).orElse("unbounded"));
      ctx.metrics.callLeftQueue(call.line(), AcdMetrics.OVERFLOWED, call.waited(now));
      return ctx.state.takeLeg(call.channel())
          .compose(v -> ctx.pbx.setVariable(channel, "CC_DIAL_NUMBER", to.number()))
          .compose(v -> ctx.pbx.redirect(channel, DialplanTarget.of(Contexts.DIAL_OUT)))
          .compose(v -> ctx.record(entry("acd.call.overflowed", call, now)
              .data(data("destination", to.name(), "waitedMs", call.waited(now).toMillis(),
                  "estimatedWaitMs", estimate.map(Duration::toMillis).orElse(-1L)))));
    });
  }

  /**
   * Offers still ringing long after ring-no-answer belong to an instance that died: the call goes back to its place
   * and the operator is freed.
   */
  Future<Void> recoverStaleOffers() {
    Instant cutoff = ctx.now().minus(ctx.settings.ringNoAnswer().multipliedBy(2).plusSeconds(10));
    return ctx.state.live().compose(list -> Future.join(list.stream()
        .filter(l -> l.answeredAt() == null && l.offeredAt().isBefore(cutoff))
        .map(l -> {
          LOG.warn("offer of call {} to {} was abandoned by its instance; requeueing", l.call().callId(), l.operatorId());
          return ctx.state.requeue(l.call().callId()).compose(v -> operators.withdraw(l));
        })
        .toList()).otherwiseEmpty().mapEmpty());
  }
}
