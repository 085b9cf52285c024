package org.gridcare.acd.app;

import static org.gridcare.acd.app.AcdContext.data;
import static org.gridcare.acd.app.AcdContext.entry;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.PbxEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the PBX tells the ACD: hang-ups of waiting callers (abandoned) and of operator legs (wrap-up), a callback's
 * customer answering, and reconnection (reconcile). Every instance hears every event; taking a channel's leg from
 * the shared state is atomic, so exactly one instance handles each hang-up.
 */
final class CallEvents {
  private static final Logger LOG = LoggerFactory.getLogger(CallEvents.class);
  /** Set by the IVR on the caller's channel when their line offers the post-call survey. */
  static final String SURVEY = "CC_SURVEY";

  private final AcdContext ctx;
  private final OperatorStates operators;
  private final CallbackFlow callbacks;

  CallEvents(AcdContext ctx, OperatorStates operators, CallbackFlow callbacks) {
    this.ctx = ctx;
    this.operators = operators;
    this.callbacks = callbacks;
  }

  void on(PbxEvent event) {
    if (event instanceof PbxEvent.ChannelHungUp h) {
      ctx.state.hungUp(h.channel().value())
          .compose(leg -> leg.map(l -> l.role() == Leg.Role.CALLER ? callerHungUp(l) : operatorHungUp(l))
              .orElse(Future.succeededFuture()))
          .onFailure(e -> LOG.warn("handling hang-up of {} failed: {}", h.channel(), e.toString()));
    } else if (event instanceof PbxEvent.PbxConnected c) {
      reconcile(c.channels().stream().map(ch -> ch.id().value()).collect(Collectors.toSet()))
          .onFailure(e -> LOG.warn("reconciling with the PBX failed: {}", e.toString()));
    } else if (event instanceof PbxEvent.ChannelAnswered a && a.call() != null) {
      callbacks.answered(a).onFailure(e -> LOG.warn("handling answer of {} failed: {}", a.channel(), e.toString()));
    }
  }

  private Future<Void> callerHungUp(Leg leg) {
    return ctx.state.removeWaiting(leg.callId()).compose(waiting -> {
      if (waiting.isPresent()) {
        return ctx.abandoned(waiting.get(), null);
      }
      return ctx.state.liveCall(leg.callId()).compose(live -> {
        if (live.isEmpty()) {
          return Future.succeededFuture();
        }
        if (live.get().answeredAt() != null) {
          return ctx.pbx.hangUp(new ChannelId(live.get().operatorChannel()), HangupCause.NORMAL_CLEARING).otherwiseEmpty();
        }
        return ctx.state.removeLive(leg.callId()).compose(removed -> removed.isPresent()
            ? ctx.abandoned(removed.get().call(), removed.get().operatorId())
            : Future.succeededFuture());
      });
    });
  }

  /**
   * The operator's leg hung up. A call not yet marked answered is mid-answer: the instance recording the answer
   * finds it gone and finishes it ({@code Dispatcher}).
   */
  private Future<Void> operatorHungUp(Leg leg) {
    return ctx.state.removeLive(leg.callId()).compose(removed -> removed.isEmpty() || removed.get().answeredAt() == null
        ? Future.succeededFuture()
        : finish(removed.get()));
  }

  /**
   * The conversation ended (the call already removed from the live calls): the caller's leg too (unless the dialplan
   * takes them to the survey), the operator to wrap-up (also when the answer had not put them on the call yet), the
   * handling time recorded. A callback's completion says
   * whether the customer answered ({@code connected}): an attempt they never answered (its marker is still there)
   * was no conversation, which the reports leave out of handled and closed calls.
   */
  Future<Void> finish(LiveCall live) {
    WaitingCall call = live.call();
    Instant now = ctx.now();
    Duration wrapUp = ctx.settings.wrapUp(call.line());
    Duration talk = Duration.between(live.answeredAt(), now);
    Future<Boolean> connected = call.callback()
        ? ctx.state.leg(Leg.callbackKey(live.pbxCall())).map(marker -> marker.isEmpty())
        : Future.succeededFuture(true);
    Future<Boolean> survey = call.channel() == null ? Future.succeededFuture(false) : toSurvey(call.channel());
    return connected.compose(c -> survey)
        .compose(toSurvey -> toSurvey || call.channel() == null ? Future.succeededFuture(toSurvey)
            : ctx.pbx.hangUp(new ChannelId(call.channel()), HangupCause.NORMAL_CLEARING).otherwiseEmpty().map(false))
        .compose(toSurvey -> operators.change(live.operatorId(),
            (s, t) -> OperatorStates.reservedFor(s, call.callId()) ? s.answer(t).hangUp(wrapUp, t)
                : OperatorStates.talkingOn(s, call.callId()) ? s.hangUp(wrapUp, t) : s)
            .compose(s -> ctx.record(entry("acd.call.completed", call, now).operator(live.operatorId())
                .data(data("talkMs", talk.toMillis(), "wrapUpMs", wrapUp.toMillis(), "survey", toSurvey,
                    "connected", call.callback() ? connected.result() : null)))))
        .compose(v -> {
          ctx.metrics.handled(call.line(), talk.plus(wrapUp));
          return ctx.state.recordHandleTime(call.line(), talk.plus(wrapUp));
        })
        .compose(v -> call.callback() ? callbacks.ended(live) : Future.succeededFuture())
        .onSuccess(v -> operators.endWrapUpAfter(wrapUp));
  }

  /**
   * Whether the caller stays on for the post-call survey: the IVR set {@code CC_SURVEY=yes} on their channel, and
   * the dialplan (cc-wait after the bridge) takes them to cc-survey instead of hanging up.
   */
  private Future<Boolean> toSurvey(String callerChannel) {
    return ctx.pbx.getVariable(new ChannelId(callerChannel), SURVEY)
        .map(v -> v.filter("yes"::equals).isPresent())
        .otherwise(false);
  }

  /**
   * After a (re)connection to the PBX: waiting callers whose channel is gone hung up while nobody listened, and
   * conversations whose operator leg is gone ended. Both are closed as if the hang-up had been seen.
   */
  Future<Void> reconcile(Set<String> liveChannels) {
    Future<List<WaitingCall>> waiting = ctx.state.waiting();
    Future<List<LiveCall>> live = ctx.state.live();
    return Future.all(waiting, live).compose(all -> {
      List<Future<Void>> work = new ArrayList<>();
      for (WaitingCall c : waiting.result()) {
        if (!c.callback() && !liveChannels.contains(c.channel())) {
          work.add(ctx.state.takeLeg(c.channel()).compose(v -> callerHungUp(Leg.caller(c.callId()))));
        }
      }
      for (LiveCall l : live.result()) {
        if (l.answeredAt() != null && !liveChannels.contains(l.operatorChannel())) {
          work.add(ctx.state.takeLeg(l.operatorChannel())
              .compose(v -> operatorHungUp(Leg.operator(l.call().callId(), l.operatorId()))));
        }
      }
      LOG.info("reconciled with the PBX: {} calls closed", work.size());
      return Future.join(work).otherwiseEmpty().mapEmpty();
    });
  }
}
