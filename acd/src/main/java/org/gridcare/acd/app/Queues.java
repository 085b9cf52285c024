package org.gridcare.acd.app;

import static org.gridcare.acd.app.AcdContext.data;
import static org.gridcare.acd.app.AcdContext.entry;
import static org.gridcare.acd.app.AcdContext.guarded;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.acd.domain.HandleTime;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.config.LineConfig;
import org.gridcare.config.TopicConfig;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues: callers handed over by the IVR, what supervisors and the wait script see, and what supervisors and
 * operators change (priority, line, emergency mode). {@code changed} runs after a change routing should see.
 */
final class Queues {
  private static final Logger LOG = LoggerFactory.getLogger(Queues.class);

  private final AcdContext ctx;
  private final OperatorStates operators;
  private final Runnable changed;

  Queues(AcdContext ctx, OperatorStates operators, Runnable changed) {
    this.ctx = ctx;
    this.operators = operators;
    this.changed = changed;
  }

  Future<WaitingCall> enqueue(QueueRequest r) {
    return guarded(() -> {
      TopicConfig topic = ctx.settings.topic(r.topic());
      int line = r.line() != null ? r.line() : topic.line();
      if (!ctx.open(line, ctx.now())) {
        throw DomainException.conflict("line-closed", "Line " + line + " is closed now; the IVR offers voicemail");
      }
      WaitingCall call = new WaitingCall(r.callId(), r.channel(), line, topic.id(), topic.skill(),
          r.priority() != null ? r.priority() : topic.priority(), r.hazard() != null ? r.hazard() : topic.hazard(),
          r.crmBoost(), r.customerId(), r.ticketId(), ctx.now(), false);
      return ctx.state.putLeg(r.channel(), Leg.caller(r.callId()))
          .compose(v -> ctx.state.enqueue(call))
          .compose(added -> added
              ? ctx.record(entry("acd.call.queued", call, call.enqueuedAt())
                  .data(data("topic", call.topic(), "priority", call.priority(), "hazard", call.hazard(),
                      "boost", call.crmBoost(), "ticket", call.ticketId())))
                  .map(call)
              : Future.failedFuture(DomainException.conflict("call-already-queued",
                  "Call " + r.callId() + " is already with the ACD")))
          .onSuccess(c -> changed.run());
    });
  }

  Future<List<WaitingCall>> waiting() {
    return ctx.state.waiting().map(calls -> ctx.settings.routing().ordered(calls, ctx.now()));
  }

  Future<List<QueueSnapshot>> snapshots() {
    Future<List<Versioned<OperatorStatus>>> ops = ctx.state.operators();
    Future<List<WaitingCall>> calls = ctx.state.waiting();
    Future<Map<Integer, HandleTime>> handle = ctx.state.handleTimes();
    return Future.all(ops, calls, handle).map(all -> {
      Instant now = ctx.now();
      List<OperatorView> staff = ctx.views(ops.result(), now);
      List<WaitingCall> ordered = ctx.settings.routing().ordered(calls.result(), now);
      List<QueueSnapshot> out = new ArrayList<>();
      for (LineConfig line : ctx.settings.lines().values().stream().sorted(Comparator.comparing(LineConfig::id)).toList()) {
        int id = line.id();
        Duration aht = handle.result().getOrDefault(id, HandleTime.initial()).mean();
        List<QueueSnapshot.Queued> queued = new ArrayList<>();
        for (WaitingCall c : ordered) {
          if (c.line() == id) {
            queued.add(new QueueSnapshot.Queued(c, queued.size(), c.waited(now),
                ctx.settings.routing().effectivePriority(c, now),
                ctx.settings.routing().estimatedWait(c, ordered, staff, aht, now)));
          }
        }
        Map<OperatorState, Long> byState = new EnumMap<>(OperatorState.class);
        staff.stream().filter(o -> o.operator().serves(id)).forEach(o -> byState.merge(o.status().state(), 1L, Long::sum));
        Duration longest = queued.stream().map(QueueSnapshot.Queued::waited).max(Duration::compareTo).orElse(Duration.ZERO);
        out.add(new QueueSnapshot(id, line.name(), ctx.open(id, now), queued, longest, byState));
      }
      return out;
    });
  }

  Future<Optional<QueuePlace>> place(String callId) {
    Future<List<Versioned<OperatorStatus>>> ops = ctx.state.operators();
    Future<List<WaitingCall>> calls = ctx.state.waiting();
    Future<Map<Integer, HandleTime>> handle = ctx.state.handleTimes();
    return Future.all(ops, calls, handle).map(all -> calls.result().stream()
        .filter(c -> c.callId().equals(callId))
        .findFirst()
        .map(call -> {
          Instant now = ctx.now();
          Duration aht = handle.result().getOrDefault(call.line(), HandleTime.initial()).mean();
          return new QueuePlace(ctx.settings.routing().position(call, calls.result(), now),
              ctx.settings.routing().estimatedWait(call, calls.result(), ctx.views(ops.result(), now), aht, now),
              !call.callback() && call.waited(now).compareTo(ctx.settings.callbackOfferAfter()) >= 0);
        }));
  }

  Future<WaitingCall> reprioritise(String callId, int priority, String by) {
    return waitingCall(callId).compose(call -> {
      WaitingCall changedCall = call.withPriority(priority);
      return ctx.state.updateWaiting(changedCall).compose(kept -> kept
          ? ctx.record(entry("acd.call.reprioritised", call, ctx.now())
              .data(data("from", call.priority(), "to", priority, "by", by))).map(changedCall)
          : Future.failedFuture(notWaiting(callId)));
    }).onSuccess(c -> changed.run());
  }

  Future<WaitingCall> transfer(String callId, String topicId, String ticketId, String by) {
    return guarded(() -> {
      TopicConfig topic = ctx.settings.topic(topicId);
      return ctx.state.waitingCall(callId).compose(waiting -> waiting.isPresent()
          ? moveWaiting(waiting.get(), topic, ticketId, by)
          : escalateLive(callId, topic, ticketId, by));
    }).onSuccess(c -> changed.run());
  }

  private Future<WaitingCall> moveWaiting(WaitingCall call, TopicConfig topic, String ticketId, String by) {
    WaitingCall moved = call.movedTo(topic.line(), topic.id(), topic.skill(), topic.priority(), call.enqueuedAt())
        .withTicket(ticketId != null ? ticketId : call.ticketId());
    return ctx.state.updateWaiting(moved).compose(kept -> kept
        ? ctx.record(entry("acd.call.transferred", moved, ctx.now())
            .data(data("fromLine", call.line(), "fromTopic", call.topic(), "topic", moved.topic(),
                "ticket", moved.ticketId(), "by", by))).map(moved)
        : Future.failedFuture(notWaiting(call.callId())));
  }

  /** The operator's conversation ends here (wrap-up); the caller goes back on hold in the new line's queue. */
  private Future<WaitingCall> escalateLive(String callId, TopicConfig topic, String ticketId, String by) {
    return ctx.state.liveCall(callId).compose(found -> {
      LiveCall live = found.filter(l -> l.answeredAt() != null && l.call().channel() != null)
          .orElseThrow(() -> DomainException.notFound("no-such-call",
              "Call " + callId + " is neither waiting nor in conversation"));
      return ctx.state.removeLive(callId).compose(removed -> {
        if (removed.isEmpty()) {
          return Future.failedFuture(DomainException.conflict("call-ended", "Call " + callId + " just ended"));
        }
        Instant now = ctx.now();
        WaitingCall call = live.call();
        WaitingCall moved = call.movedTo(topic.line(), topic.id(), topic.skill(), topic.priority(), now)
            .withTicket(ticketId != null ? ticketId : call.ticketId());
        Duration wrapUp = ctx.settings.wrapUp(call.line());
        // Queued before the redirect: the wait script the caller lands in must find its place.
        return ctx.state.takeLeg(live.operatorChannel())
            .compose(v -> ctx.state.putLeg(call.channel(), Leg.caller(callId)))
            .compose(v -> ctx.state.enqueue(moved))
            .compose(v -> ctx.pbx.redirect(new ChannelId(call.channel()), DialplanTarget.of(Contexts.WAIT))
                .recover(e -> ctx.state.removeWaiting(callId).transform(x -> Future.failedFuture(e))))
            .compose(v -> ctx.pbx.hangUp(new ChannelId(live.operatorChannel()), HangupCause.NORMAL_CLEARING).otherwiseEmpty())
            .compose(v -> operators.change(live.operatorId(),
                (s, t) -> OperatorStates.talkingOn(s, callId) ? s.hangUp(wrapUp, t) : s))
            .compose(s -> ctx.record(entry("acd.call.escalated", moved, now).operator(live.operatorId())
                .data(data("fromLine", call.line(), "fromTopic", call.topic(), "topic", moved.topic(),
                    "ticket", moved.ticketId(), "by", by,
                    "talkMs", Duration.between(live.answeredAt(), now).toMillis()))))
            .onSuccess(v -> operators.endWrapUpAfter(wrapUp))
            .map(moved);
      });
    });
  }

  /**
   * The operator hands the caller elsewhere (another operator, a number outside, the IVR): the call leaves the ACD
   * without hanging anyone up. Both legs leave the leg map first, so the operator's leg ending later does not hang
   * up the caller; the operator goes to wrap-up.
   */
  Future<LiveCall> release(String callId, String by) {
    return guarded(() -> ctx.state.liveCall(callId).compose(found -> {
      LiveCall live = found.filter(l -> l.answeredAt() != null)
          .orElseThrow(() -> DomainException.notFound("no-such-call", "Call " + callId + " is not in conversation"));
      return ctx.state.removeLive(callId).compose(removed -> {
        if (removed.isEmpty()) {
          return Future.failedFuture(DomainException.conflict("call-ended", "Call " + callId + " just ended"));
        }
        Instant now = ctx.now();
        WaitingCall call = live.call();
        Duration wrapUp = ctx.settings.wrapUp(call.line());
        Duration talk = Duration.between(live.answeredAt(), now);
        Future<?> callerLeg = call.channel() == null ? Future.succeededFuture() : ctx.state.takeLeg(call.channel());
        return ctx.state.takeLeg(live.operatorChannel())
            .compose(v -> callerLeg)
            .compose(v -> operators.change(live.operatorId(),
                (s, t) -> OperatorStates.talkingOn(s, callId) ? s.hangUp(wrapUp, t) : s))
            .compose(s -> ctx.record(entry("acd.call.released", call, now).operator(live.operatorId())
                .data(data("by", by, "talkMs", talk.toMillis(), "wrapUpMs", wrapUp.toMillis()))))
            .onSuccess(v -> {
              ctx.metrics.handled(call.line(), talk.plus(wrapUp));
              operators.endWrapUpAfter(wrapUp);
            })
            .map(live);
      });
    }));
  }

  Future<Void> setEmergency(boolean on, String by) {
    return ctx.state.setEmergency(on)
        .compose(v -> ctx.record(JournalEntry.of("acd.emergency.switched").at(ctx.now()).data(data("on", on, "by", by))))
        .onSuccess(v -> {
          LOG.info("emergency mode {} by {}", on ? "on" : "off", by);
          changed.run();
        });
  }

  private Future<WaitingCall> waitingCall(String callId) {
    return ctx.state.waitingCall(callId).map(found -> found.orElseThrow(() -> notWaiting(callId)));
  }

  private static DomainException notWaiting(String callId) {
    return DomainException.notFound("call-not-waiting", "Call " + callId + " is not waiting in a queue");
  }
}
