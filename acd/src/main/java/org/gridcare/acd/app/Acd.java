package org.gridcare.acd.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.gridcare.acd.domain.Activity;
import org.gridcare.acd.domain.Assignment;
import org.gridcare.acd.domain.HandleTime;
import org.gridcare.acd.domain.NotReadyReason;
import org.gridcare.acd.domain.Operator;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.OverflowDestination;
import org.gridcare.acd.domain.StateChange;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.config.TopicConfig;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD's use cases: operators log in and change state, the IVR queues callers, and the dispatcher offers waiting
 * calls to operators through the PBX. Live state is in {@link AcdState} (shared by every server instance); every
 * decision that could race is an atomic write there, and every other step is idempotent per channel or call, so any
 * instance may handle any PBX event. Every state change and queue event is journalled.
 */
public final class Acd {
  private static final Logger LOG = LoggerFactory.getLogger(Acd.class);
  private static final int CAS_ATTEMPTS = 20;
  /** A callback whose customer does not answer is tried this many times in all, each time from the queue's end. */
  static final int CALLBACK_ATTEMPTS = 3;
  static final Duration TICK = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final AcdSettings settings;
  private final AcdState state;
  private final Pbx pbx;
  private final Journal journal;
  private final OperatorHistory history;
  private final Callbacks callbacks;
  private final AcdMetrics metrics;
  private final Clock clock;
  private final AtomicBoolean dispatching = new AtomicBoolean();
  private final AtomicBoolean dispatchAgain = new AtomicBoolean();
  private AutoCloseable subscription;
  private long ticker = -1;

  public Acd(Vertx vertx, AcdSettings settings, AcdState state, Pbx pbx, Journal journal, OperatorHistory history,
      Callbacks callbacks, AcdMetrics metrics, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.state = state;
    this.pbx = pbx;
    this.journal = journal;
    this.history = history;
    this.callbacks = callbacks;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Listens to PBX events and starts the one-second tick (wrap-up ends, aging, overflow, stale offers). */
  public void start() {
    subscription = pbx.subscribe(this::onPbxEvent);
    ticker = vertx.setPeriodic(TICK.toMillis(), id -> tick());
  }

  public Future<Void> stop() {
    vertx.cancelTimer(ticker);
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.warn("unsubscribing from the PBX failed", e);
      }
    }
    return Future.succeededFuture();
  }

  public AcdSettings settings() {
    return settings;
  }

  AcdState state() {
    return state;
  }

  private Instant now() {
    return clock.instant();
  }

  // ---- operators ----

  /** Logs the operator in on {@code endpoint} (their configured softphone when null); they start not ready. */
  public Future<OperatorStatus> login(String operatorId, String endpoint) {
    return guarded(() -> {
      Operator op = settings.operator(operatorId);
      String at = endpoint == null || endpoint.isBlank() ? op.endpoint() : endpoint;
      return change(operatorId, (s, t) -> s.login(at, t));
    });
  }

  public Future<OperatorStatus> ready(String operatorId) {
    return guarded(() -> {
      settings.operator(operatorId);
      return change(operatorId, OperatorStatus::ready).onSuccess(s -> dispatch());
    });
  }

  public Future<OperatorStatus> notReady(String operatorId, String reason) {
    return guarded(() -> {
      settings.operator(operatorId);
      String why = NotReadyReason.chosen(reason);
      return change(operatorId, (s, t) -> s.notReady(why, t));
    });
  }

  public Future<OperatorStatus> logout(String operatorId) {
    return guarded(() -> {
      settings.operator(operatorId);
      return change(operatorId, OperatorStatus::logout);
    });
  }

  public Future<OperatorView> operator(String operatorId) {
    return guarded(() -> {
      Operator op = settings.operator(operatorId);
      return state.operator(operatorId).map(found -> new OperatorView(op,
          found.map(Versioned::value).orElseGet(() -> OperatorStatus.loggedOut(operatorId, now()))));
    });
  }

  /** The operator talking on (or being offered) a call, if any. */
  public Future<Optional<String>> operatorOf(String callId) {
    return state.liveCall(callId).map(found -> found.map(LiveCall::operatorId));
  }

  /** Every configured operator with their live status (logged out when never seen). */
  public Future<List<OperatorView>> operators() {
    return state.operators().map(list -> views(list, now()));
  }

  private List<OperatorView> views(List<Versioned<OperatorStatus>> stored, Instant now) {
    Map<String, OperatorStatus> byId = new HashMap<>();
    stored.forEach(v -> byId.put(v.value().operatorId(), v.value()));
    List<OperatorView> out = new ArrayList<>();
    settings.operators().values().stream().sorted(java.util.Comparator.comparing(Operator::id)).forEach(op ->
        out.add(new OperatorView(op, byId.getOrDefault(op.id(), OperatorStatus.loggedOut(op.id(), now)))));
    return out;
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
    return state.operator(operatorId).compose(found -> {
      Instant now = now();
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
      return state.replaceOperator(current.version(), next).compose(written -> {
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

  private Future<Void> recordChange(OperatorStatus before, OperatorStatus after) {
    Optional<StateChange> change = StateChange.between(before, after);
    if (change.isEmpty()) {
      return Future.succeededFuture();
    }
    StateChange c = change.get();
    LOG.info("operator {}: {} -> {}{}", c.operatorId(), c.from().id(), c.to().id(),
        c.reason() == null ? "" : " (" + c.reason() + ")");
    return history.record(c).onSuccess(v -> vertx.eventBus().publish(AcdEvents.OPERATOR_STATE, AcdEvents.stateChanged(c)));
  }

  // ---- queue ----

  /** Queues a caller the IVR handed over (from the {@code cc-wait} context); journals {@code acd.call.queued}. */
  public Future<WaitingCall> enqueue(QueueRequest r) {
    return guarded(() -> {
      TopicConfig topic = settings.topic(r.topic());
      int line = r.line() != null ? r.line() : topic.line();
      if (!settings.open(line, now())) {
        throw DomainException.conflict("line-closed", "Line " + line + " is closed now; the IVR offers voicemail");
      }
      WaitingCall call = new WaitingCall(r.callId(), r.channel(), line, topic.id(), topic.skill(),
          r.priority() != null ? r.priority() : topic.priority(), r.hazard() != null ? r.hazard() : topic.hazard(),
          r.crmBoost(), r.customerId(), r.ticketId(), now(), false);
      return state.putLeg(r.channel(), Leg.caller(r.callId()))
          .compose(v -> state.enqueue(call))
          .compose(added -> added
              ? record(entry("acd.call.queued", call, call.enqueuedAt())
                  .data(data("topic", call.topic(), "priority", call.priority(), "hazard", call.hazard(),
                      "boost", call.crmBoost(), "ticket", call.ticketId())))
                  .map(call)
              : Future.failedFuture(DomainException.conflict("call-already-queued", "Call " + r.callId() + " is already with the ACD")))
          .onSuccess(c -> dispatch());
    });
  }

  /** Whether a line takes calls now (business hours and holidays); the IVR sends callers of a closed line to voicemail. */
  public boolean isOpen(int line) {
    return settings.open(line, now());
  }

  /** Each line's queue (by line id) in order, with estimated waits and its operators by state. */
  public Future<List<QueueSnapshot>> queues() {
    Future<List<Versioned<OperatorStatus>>> ops = state.operators();
    Future<List<WaitingCall>> calls = state.waiting();
    Future<Map<Integer, HandleTime>> handle = state.handleTimes();
    return Future.all(ops, calls, handle).map(all -> {
      Instant now = now();
      List<OperatorView> staff = views(ops.result(), now);
      List<WaitingCall> ordered = settings.routing().ordered(calls.result(), now);
      List<QueueSnapshot> out = new ArrayList<>();
      for (var line : settings.lines().values().stream()
          .sorted(java.util.Comparator.comparing(org.gridcare.config.LineConfig::id)).toList()) {
        int id = line.id();
        Duration aht = handle.result().getOrDefault(id, HandleTime.initial()).mean();
        List<QueueSnapshot.Queued> queued = new ArrayList<>();
        for (WaitingCall c : ordered) {
          if (c.line() == id) {
            queued.add(new QueueSnapshot.Queued(c, queued.size(), c.waited(now),
                settings.routing().effectivePriority(c, now),
                settings.routing().estimatedWait(c, ordered, staff, aht, now)));
          }
        }
        Map<org.gridcare.acd.domain.OperatorState, Long> byState = new java.util.EnumMap<>(org.gridcare.acd.domain.OperatorState.class);
        staff.stream().filter(o -> o.operator().serves(id))
            .forEach(o -> byState.merge(o.status().state(), 1L, Long::sum));
        Duration longest = queued.stream().map(QueueSnapshot.Queued::waited).max(Duration::compareTo).orElse(Duration.ZERO);
        out.add(new QueueSnapshot(id, line.name(), settings.open(id, now), queued, longest, byState));
      }
      return out;
    });
  }

  /** The caller's place in the queue now (for the wait script), empty when the call no longer waits. */
  public Future<Optional<QueuePlace>> place(String callId) {
    Future<List<Versioned<OperatorStatus>>> ops = state.operators();
    Future<List<WaitingCall>> calls = state.waiting();
    Future<Map<Integer, HandleTime>> handle = state.handleTimes();
    return Future.all(ops, calls, handle).map(all -> calls.result().stream()
        .filter(c -> c.callId().equals(callId))
        .findFirst()
        .map(call -> {
          Instant now = now();
          Duration aht = handle.result().getOrDefault(call.line(), HandleTime.initial()).mean();
          return new QueuePlace(settings.routing().position(call, calls.result(), now),
              settings.routing().estimatedWait(call, calls.result(), views(ops.result(), now), aht, now),
              !call.callback() && call.waited(now).compareTo(settings.callbackOfferAfter()) >= 0);
        }));
  }

  /** A supervisor changes a waiting call's base priority. */
  public Future<WaitingCall> reprioritise(String callId, int priority, String by) {
    return waitingCall(callId).compose(call -> {
      WaitingCall changed = call.withPriority(priority);
      return state.updateWaiting(changed).compose(kept -> kept
          ? record(entry("acd.call.reprioritised", call, now())
              .data(data("from", call.priority(), "to", priority, "by", by))).map(changed)
          : Future.failedFuture(notWaiting(callId)));
    }).onSuccess(c -> dispatch());
  }

  /**
   * Moves a call to another topic's queue (and line), keeping its ticket (set {@code ticketId} to attach one).
   * A waiting call keeps its wait; a call in conversation is escalated: the operator goes to wrap-up and the caller
   * back on hold, queued on the new line from now.
   */
  public Future<WaitingCall> transfer(String callId, String topicId, String ticketId, String by) {
    return guarded(() -> {
      TopicConfig topic = settings.topic(topicId);
      return state.waitingCall(callId).compose(waiting -> waiting.isPresent()
          ? moveWaiting(waiting.get(), topic, ticketId, by)
          : escalateLive(callId, topic, ticketId, by));
    }).onSuccess(c -> dispatch());
  }

  private Future<WaitingCall> moveWaiting(WaitingCall call, TopicConfig topic, String ticketId, String by) {
    WaitingCall moved = call.movedTo(topic.line(), topic.id(), topic.skill(), topic.priority(), call.enqueuedAt())
        .withTicket(ticketId != null ? ticketId : call.ticketId());
    return state.updateWaiting(moved).compose(kept -> kept
        ? record(entry("acd.call.transferred", moved, now())
            .data(data("fromLine", call.line(), "fromTopic", call.topic(), "topic", moved.topic(),
                "ticket", moved.ticketId(), "by", by))).map(moved)
        : Future.failedFuture(notWaiting(call.callId())));
  }

  private Future<WaitingCall> escalateLive(String callId, TopicConfig topic, String ticketId, String by) {
    return state.liveCall(callId).compose(found -> {
      LiveCall live = found.filter(l -> l.answeredAt() != null && l.call().channel() != null)
          .orElseThrow(() -> DomainException.notFound("no-such-call", "Call " + callId + " is neither waiting nor in conversation"));
      return state.removeLive(callId).compose(removed -> {
        if (removed.isEmpty()) {
          return Future.failedFuture(DomainException.conflict("call-ended", "Call " + callId + " just ended"));
        }
        Instant now = now();
        WaitingCall call = live.call();
        WaitingCall moved = call.movedTo(topic.line(), topic.id(), topic.skill(), topic.priority(), now)
            .withTicket(ticketId != null ? ticketId : call.ticketId());
        ChannelId operatorChannel = new ChannelId(live.operatorChannel());
        ChannelId caller = new ChannelId(call.channel());
        Duration wrapUp = settings.wrapUp(call.line());
        return state.takeLeg(live.operatorChannel())
            .compose(v -> pbx.redirect(caller, DialplanTarget.of(Contexts.WAIT)))
            .compose(v -> state.putLeg(call.channel(), Leg.caller(callId)))
            .compose(v -> state.enqueue(moved))
            .compose(v -> pbx.hangUp(operatorChannel, HangupCause.NORMAL_CLEARING).otherwiseEmpty())
            .compose(v -> change(live.operatorId(), (s, t) -> s.activity() == Activity.ON_CALL
                && callId.equals(s.callId()) ? s.hangUp(wrapUp, t) : s))
            .compose(s -> record(entry("acd.call.escalated", moved, now).operator(live.operatorId())
                .data(data("fromLine", call.line(), "fromTopic", call.topic(), "topic", moved.topic(),
                    "ticket", moved.ticketId(), "by", by,
                    "talkMs", Duration.between(live.answeredAt(), now).toMillis()))))
            .onSuccess(v -> vertx.setTimer(Math.max(1, wrapUp.toMillis()), id -> endWrapUps()))
            .map(moved);
      });
    });
  }

  private Future<WaitingCall> waitingCall(String callId) {
    return state.waitingCall(callId).map(found -> found.orElseThrow(() -> notWaiting(callId)));
  }

  private static DomainException notWaiting(String callId) {
    return DomainException.notFound("call-not-waiting", "Call " + callId + " is not waiting in a queue");
  }

  public Future<List<WaitingCall>> waiting() {
    return state.waiting().map(calls -> settings.routing().ordered(calls, now()));
  }

  public Future<Boolean> emergency() {
    return state.emergency();
  }

  /** Emergency mode (mass outage): calls overflow to other centres as soon as every operator is busy. */
  public Future<Void> setEmergency(boolean on, String by) {
    return state.setEmergency(on)
        .compose(v -> record(JournalEntry.of("acd.emergency.switched").at(now())
            .data(data("on", on, "by", by))))
        .onSuccess(v -> {
          LOG.info("emergency mode {} by {}", on ? "on" : "off", by);
          dispatch();
        });
  }

  // ---- dispatching ----

  /**
   * Offers waiting calls to free operators and sends calls that should leave to other centres. Runs one pass at a
   * time per instance; a request during a pass runs one more pass after it.
   */
  public Future<Void> dispatch() {
    if (!dispatching.compareAndSet(false, true)) {
      dispatchAgain.set(true);
      return Future.succeededFuture();
    }
    dispatchAgain.set(false);
    return dispatchOnce()
        .onFailure(e -> LOG.warn("dispatch pass failed: {}", e.toString()))
        .otherwiseEmpty()
        .eventually(() -> {
          dispatching.set(false);
          if (dispatchAgain.getAndSet(false)) {
            dispatch();
          }
          return Future.succeededFuture();
        });
  }

  private Future<Void> dispatchOnce() {
    Future<List<Versioned<OperatorStatus>>> ops = state.operators();
    Future<List<WaitingCall>> calls = state.waiting();
    Future<Boolean> emergency = state.emergency();
    Future<Map<Integer, HandleTime>> handle = state.handleTimes();
    return Future.all(ops, calls, emergency, handle).compose(all -> {
      Instant now = now();
      Map<String, Long> versions = new HashMap<>();
      ops.result().forEach(v -> versions.put(v.value().operatorId(), v.version()));
      List<OperatorView> staff = views(ops.result(), now);
      List<WaitingCall> waiting = calls.result();
      metrics.observe(waiting, staff, now);
      List<Assignment> assignments = settings.routing().assign(waiting, staff, now);
      List<Future<Void>> work = new ArrayList<>();
      Set<String> offered = new HashSet<>();
      for (Assignment a : assignments) {
        offered.add(a.call().callId());
        work.add(offer(a, versions.getOrDefault(a.operator().id(), 0L), now));
      }
      for (WaitingCall call : waiting) {
        if (offered.contains(call.callId())) {
          continue;
        }
        Duration aht = handle.result().getOrDefault(call.line(), HandleTime.initial()).mean();
        Optional<Duration> estimate = settings.routing().estimatedWait(call, waiting, staff, aht, now);
        settings.peakOverflow().decide(call, false, estimate, emergency.result())
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
    return state.reserve(version, reserved, call.callId(), offer).compose(won -> {
      if (!won) {
        dispatchAgain.set(true);
        return Future.<Void>succeededFuture();
      }
      return recordChange(before, reserved)
          .compose(v -> record(entry("acd.call.offered", call, now).operator(a.operator().id())
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
                null, call.topic(), vars, settings.ringNoAnswer());
          })
        : Future.succeededFuture(new OriginateRequest(Endpoint.device(operator.endpoint()),
            DialplanTarget.of(Contexts.OPERATOR), null, call.topic(), whisper, settings.ringNoAnswer()));
    return request.compose(pbx::originate).transform(ar -> ar.succeeded()
        ? rang(offer, ar.result())
        : unreachable(offer, ar.cause()));
  }

  private Future<Void> rang(LiveCall offer, OriginateResult result) {
    String callId = offer.call().callId();
    if (!result.answered()) {
      return ringNoAnswer(offer, result.outcome().name().toLowerCase(java.util.Locale.ROOT));
    }
    ChannelId operatorChannel = result.channel();
    String pbxCall = result.call() == null ? operatorChannel.value() : result.call().value();
    return state.liveCall(callId).compose(live -> {
      if (live.isEmpty()) {
        LOG.info("operator {} answered call {} after the caller left", offer.operatorId(), callId);
        return pbx.hangUp(operatorChannel, HangupCause.NORMAL_CLEARING).otherwiseEmpty()
            .compose(v -> withdraw(offer));
      }
      return state.putLeg(operatorChannel.value(), Leg.operator(callId, offer.operatorId()))
          .compose(v -> offer.call().callback()
              ? state.putLeg(Leg.callbackKey(pbxCall), Leg.callback(callId, offer.operatorId()))
              : pbx.bridge(new ChannelId(offer.call().channel()), operatorChannel))
          .compose(v -> connected(live.get(), operatorChannel, pbxCall),
              e -> callerGoneAtAnswer(offer, operatorChannel, e));
    });
  }

  private Future<Void> connected(LiveCall live, ChannelId operatorChannel, String pbxCall) {
    Instant now = now();
    LiveCall answered = live.answered(operatorChannel.value(), pbxCall, now);
    WaitingCall call = live.call();
    Duration waited = call.waited(now);
    return state.updateLive(answered)
        .compose(v -> change(live.operatorId(), (s, t) -> s.answer(t)))
        .compose(s -> {
          vertx.eventBus().publish(AcdEvents.SCREEN_POP, AcdEvents.screenPop(live.operatorId(), call));
          metrics.callLeftQueue(call.line(), AcdMetrics.ANSWERED, waited);
          return record(entry("acd.call.answered", call, now).operator(live.operatorId())
              .data(data("waitedMs", waited.toMillis(), "topic", call.topic(), "callback", call.callback())));
        })
        .compose(v -> call.callback() ? callbacks.dialling(call.callId(), live.operatorId(), now)
            .compose(x -> record(entry("acd.callback.dialled", call, now).operator(live.operatorId())))
            : Future.succeededFuture());
  }

  /** The bridge failed: the caller's channel is gone. The call ends here as abandoned; the operator is freed. */
  private Future<Void> callerGoneAtAnswer(LiveCall offer, ChannelId operatorChannel, Throwable cause) {
    LOG.info("bridging call {} failed ({}); releasing operator {}", offer.call().callId(), cause.toString(),
        offer.operatorId());
    return state.takeLeg(operatorChannel.value())
        .compose(v -> pbx.hangUp(operatorChannel, HangupCause.NORMAL_CLEARING).otherwiseEmpty())
        .compose(v -> state.removeLive(offer.call().callId()))
        .compose(removed -> removed.isPresent() ? abandoned(offer.call(), offer.operatorId()) : Future.succeededFuture())
        .compose(v -> withdraw(offer));
  }

  /** Ring-no-answer (or busy, or not registered): the operator goes not ready, the call back to its place. */
  private Future<Void> ringNoAnswer(LiveCall offer, String outcome) {
    String callId = offer.call().callId();
    return state.requeue(callId).compose(back -> {
      if (back.isEmpty()) {
        return withdraw(offer);
      }
      LOG.info("operator {} did not answer call {} ({}): not ready, call requeued", offer.operatorId(), callId, outcome);
      return change(offer.operatorId(), (s, t) -> reservedFor(s, callId) ? s.noAnswer(t) : s)
          .compose(s -> record(entry("acd.call.requeued", back.get(), now()).operator(offer.operatorId())
              .data(data("reason", NotReadyReason.NO_ANSWER, "outcome", outcome))))
          .onSuccess(v -> dispatch());
    });
  }

  /** The PBX could not be asked to ring: not the operator's fault; the call goes back and the tick retries. */
  private Future<Void> unreachable(LiveCall offer, Throwable cause) {
    LOG.warn("could not ring operator {} for call {}: {}", offer.operatorId(), offer.call().callId(), cause.toString());
    return state.requeue(offer.call().callId()).compose(v -> withdraw(offer));
  }

  private Future<Void> withdraw(LiveCall offer) {
    String callId = offer.call().callId();
    return change(offer.operatorId(), (s, t) -> reservedFor(s, callId) ? s.withdrawOffer(t) : s).mapEmpty();
  }

  private static boolean reservedFor(OperatorStatus s, String callId) {
    return s.activity() == Activity.RESERVED && callId.equals(s.callId());
  }

  /** Peak overflow: the caller is sent to another centre through the trunk. */
  private Future<Void> overflow(WaitingCall call, OverflowDestination to, Optional<Duration> estimate) {
    return state.removeWaiting(call.callId()).compose(removed -> {
      if (removed.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      Instant now = now();
      ChannelId channel = new ChannelId(call.channel());
      LOG.info("call {} overflows to {} (estimated wait {})", call.callId(), to.name(),
          estimate.map(Duration::toString).orElse("unbounded"));
      metrics.callLeftQueue(call.line(), AcdMetrics.OVERFLOWED, call.waited(now));
      return state.takeLeg(call.channel())
          .compose(v -> pbx.setVariable(channel, "CC_DIAL_NUMBER", to.number()))
          .compose(v -> pbx.redirect(channel, DialplanTarget.of(Contexts.DIAL_OUT)))
          .compose(v -> record(entry("acd.call.overflowed", call, now)
              .data(data("destination", to.name(), "waitedMs", call.waited(now).toMillis(),
                  "estimatedWaitMs", estimate.map(Duration::toMillis).orElse(-1L)))));
    });
  }

  // ---- PBX events ----

  void onPbxEvent(PbxEvent event) {
    if (event instanceof PbxEvent.ChannelHungUp h) {
      state.takeLeg(h.channel().value())
          .compose(leg -> leg.map(l -> l.role() == Leg.Role.CALLER ? callerHungUp(l) : operatorHungUp(l, h.channel()))
              .orElse(Future.succeededFuture()))
          .onFailure(e -> LOG.warn("handling hang-up of {} failed: {}", h.channel(), e.toString()));
    } else if (event instanceof PbxEvent.PbxConnected c) {
      reconcile(c.channels().stream().map(ch -> ch.id().value()).collect(java.util.stream.Collectors.toSet()))
          .onFailure(e -> LOG.warn("reconciling with the PBX failed: {}", e.toString()));
    } else if (event instanceof PbxEvent.ChannelAnswered a && a.call() != null) {
      callbackAnswered(a).onFailure(e -> LOG.warn("handling answer of {} failed: {}", a.channel(), e.toString()));
    }
  }

  /** A channel of a callback's PBX call answered that is not the operator's own leg: the customer is on. */
  private Future<Void> callbackAnswered(PbxEvent.ChannelAnswered a) {
    String key = Leg.callbackKey(a.call().value());
    return state.leg(key).compose(marker -> marker.isEmpty()
        ? Future.succeededFuture()
        : state.leg(a.channel().value()).compose(own -> own.isPresent()
            ? Future.succeededFuture()
            : state.takeLeg(key).compose(taken -> taken.map(leg -> {
              Instant now = now();
              return callbacks.update(leg.callId(), Callback.Status.CONNECTED, now)
                  .compose(v -> record(JournalEntry.of("acd.callback.connected").at(now).call(leg.callId())
                      .operator(leg.operatorId())));
            }).orElse(Future.succeededFuture()))));
  }

  private Future<Void> callerHungUp(Leg leg) {
    return state.removeWaiting(leg.callId()).compose(waiting -> {
      if (waiting.isPresent()) {
        return abandoned(waiting.get(), null);
      }
      return state.liveCall(leg.callId()).compose(live -> {
        if (live.isEmpty()) {
          return Future.succeededFuture();
        }
        if (live.get().answeredAt() != null) {
          return pbx.hangUp(new ChannelId(live.get().operatorChannel()), HangupCause.NORMAL_CLEARING).otherwiseEmpty();
        }
        return state.removeLive(leg.callId()).compose(removed -> removed.isPresent()
            ? abandoned(removed.get().call(), removed.get().operatorId())
            : Future.succeededFuture());
      });
    });
  }

  private Future<Void> abandoned(WaitingCall call, String whileOfferedTo) {
    Instant now = now();
    Duration waited = call.waited(now);
    metrics.callLeftQueue(call.line(), AcdMetrics.ABANDONED, waited);
    LOG.info("call {} abandoned after {} s", call.callId(), waited.toSeconds());
    return record(entry("acd.call.abandoned", call, now).operator(whileOfferedTo)
        .data(data("waitedMs", waited.toMillis(), "topic", call.topic())));
  }

  private Future<Void> operatorHungUp(Leg leg, ChannelId channel) {
    return state.removeLive(leg.callId()).compose(removed -> {
      if (removed.isEmpty() || removed.get().answeredAt() == null) {
        return Future.succeededFuture();
      }
      LiveCall live = removed.get();
      Instant now = now();
      Duration wrapUp = settings.wrapUp(live.call().line());
      Duration talk = Duration.between(live.answeredAt(), now);
      Future<Void> callerGone = live.call().channel() == null ? Future.succeededFuture()
          : pbx.hangUp(new ChannelId(live.call().channel()), HangupCause.NORMAL_CLEARING).otherwiseEmpty();
      return callerGone
          .compose(v -> change(live.operatorId(), (s, t) -> s.callId() != null && s.callId().equals(live.call().callId())
              && s.activity() == Activity.ON_CALL ? s.hangUp(wrapUp, t) : s))
          .compose(s -> record(entry("acd.call.completed", live.call(), now).operator(live.operatorId())
              .data(data("talkMs", talk.toMillis(), "wrapUpMs", wrapUp.toMillis()))))
          .compose(v -> {
            metrics.handled(live.call().line(), talk.plus(wrapUp));
            return state.recordHandleTime(live.call().line(), talk.plus(wrapUp));
          })
          .compose(v -> live.call().callback() ? callbackEnded(live) : Future.succeededFuture())
          .onSuccess(v -> vertx.setTimer(Math.max(1, wrapUp.toMillis()), id -> endWrapUps()));
    });
  }

  /**
   * The operator's leg of a callback ended. If the customer never answered, the attempt is missed: the callback
   * goes back to the queue's end until {@link #CALLBACK_ATTEMPTS} attempts were made.
   */
  private Future<Void> callbackEnded(LiveCall live) {
    WaitingCall call = live.call();
    return state.takeLeg(Leg.callbackKey(live.pbxCall())).compose(marker -> {
      if (marker.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      Instant now = now();
      return callbacks.find(call.callId()).compose(cb -> {
        int attempts = cb.map(Callback::attempts).orElse(CALLBACK_ATTEMPTS);
        boolean again = attempts < CALLBACK_ATTEMPTS;
        Future<Void> next = again
            ? callbacks.update(call.callId(), Callback.Status.WAITING, now)
                .compose(v -> state.enqueue(call.movedTo(call.line(), call.topic(), call.skill(), call.priority(), now)))
                .mapEmpty()
            : callbacks.update(call.callId(), Callback.Status.MISSED, now);
        return next.compose(v -> record(entry("acd.callback.missed", call, now).operator(live.operatorId())
            .data(data("attempts", attempts, "retry", again))));
      });
    });
  }

  /**
   * The waiting caller asks to be called back instead of holding on (the IVR wait script offers it after
   * {@code callback-offer-after}). The call keeps its place in the queue; the caller may hang up without the call
   * counting as abandoned. {@code rawPhone} is the number to call, normalised here.
   */
  public Future<Callback> requestCallback(String callId, String rawPhone) {
    return guarded(() -> {
      String phone = settings.phoneNumbers().require(rawPhone);
      return state.waitingCall(callId).compose(found -> {
        WaitingCall call = found.orElseThrow(() -> DomainException.notFound("call-not-waiting",
            "Call " + callId + " is not waiting in a queue"));
        Instant now = now();
        if (call.callback()) {
          throw DomainException.conflict("callback-already-requested", "Call " + callId + " already has a callback");
        }
        if (call.waited(now).compareTo(settings.callbackOfferAfter()) < 0) {
          throw DomainException.conflict("callback-not-offered-yet", "A callback is offered after "
              + settings.callbackOfferAfter().toSeconds() + " s of waiting");
        }
        Callback cb = new Callback(callId, call.line(), call.topic(), call.customerId(), phone, now,
            Callback.Status.WAITING, 0, null);
        return callbacks.create(cb)
            .compose(v -> state.takeLeg(call.channel()))
            .compose(v -> state.updateWaiting(call.asCallback()))
            .compose(kept -> kept
                ? record(entry("acd.callback.requested", call, now).phone(phone)
                    .data(data("waitedMs", call.waited(now).toMillis()))).map(cb)
                : callbacks.update(callId, Callback.Status.CANCELLED, now).compose(v -> Future.failedFuture(
                    DomainException.notFound("call-not-waiting", "Call " + callId + " left the queue"))));
      });
    });
  }

  /**
   * After a (re)connection to the PBX: waiting callers whose channel is gone hung up while nobody listened, and
   * conversations whose operator leg is gone ended. Both are closed as if the hang-up had been seen.
   */
  Future<Void> reconcile(Set<String> liveChannels) {
    Future<List<WaitingCall>> waiting = state.waiting();
    Future<List<LiveCall>> live = state.live();
    return Future.all(waiting, live).compose(all -> {
      List<Future<Void>> work = new ArrayList<>();
      for (WaitingCall c : waiting.result()) {
        if (!c.callback() && !liveChannels.contains(c.channel())) {
          work.add(state.takeLeg(c.channel()).compose(v -> callerHungUp(Leg.caller(c.callId()))));
        }
      }
      for (LiveCall l : live.result()) {
        if (l.answeredAt() != null && !liveChannels.contains(l.operatorChannel())) {
          work.add(state.takeLeg(l.operatorChannel())
              .compose(v -> operatorHungUp(Leg.operator(l.call().callId(), l.operatorId()), new ChannelId(l.operatorChannel()))));
        }
      }
      LOG.info("reconciled with the PBX: {} calls closed", work.size());
      return Future.join(work).otherwiseEmpty().mapEmpty();
    });
  }

  /**
   * Offers still ringing long after ring-no-answer belong to an instance that died: the call goes back to its place
   * and the operator is freed.
   */
  Future<Void> recoverStaleOffers() {
    Instant cutoff = now().minus(settings.ringNoAnswer().multipliedBy(2).plusSeconds(10));
    return state.live().compose(list -> Future.join(list.stream()
        .filter(l -> l.answeredAt() == null && l.offeredAt().isBefore(cutoff))
        .map(l -> {
          LOG.warn("offer of call {} to {} was abandoned by its instance; requeueing", l.call().callId(), l.operatorId());
          return state.requeue(l.call().callId()).compose(v -> withdraw(l));
        })
        .toList()).otherwiseEmpty().mapEmpty());
  }

  // ---- timers ----

  private void tick() {
    endWrapUps().eventually(this::recoverStaleOffers).onComplete(ar -> dispatch());
  }

  /** Operators whose wrap-up time is over become ready (or their chosen not-ready) again. */
  Future<Void> endWrapUps() {
    return state.operators().compose(list -> {
      Instant now = now();
      List<Future<OperatorStatus>> ended = list.stream()
          .filter(v -> v.value().wrapUpOver(now))
          .map(v -> change(v.value().operatorId(), (s, t) -> s.wrapUpOver(t) ? s.endWrapUp(t) : s))
          .toList();
      if (ended.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      return Future.join(ended).otherwiseEmpty().onComplete(ar -> dispatch()).mapEmpty();
    });
  }

  // ---- helpers ----

  /** Journals a fact and tells live pages about it ({@link AcdEvents#QUEUE_CHANGED}). */
  private Future<Void> record(JournalEntry e) {
    return journal.append(e).onSuccess(v -> vertx.eventBus().publish(AcdEvents.QUEUE_CHANGED, AcdEvents.queueChanged(e)));
  }

  private static JournalEntry entry(String type, WaitingCall call, Instant at) {
    return JournalEntry.of(type).at(at).call(call.callId()).line(call.line()).customer(call.customerId());
  }

  /** A journal data map from key/value pairs, leaving out null values. */
  static Map<String, Object> data(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        out.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return out;
  }

  static <T> Future<T> guarded(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
