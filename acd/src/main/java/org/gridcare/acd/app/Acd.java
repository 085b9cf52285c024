package org.gridcare.acd.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridcare.acd.domain.LineOverride;
import org.gridcare.acd.domain.Operator;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.pbx.Pbx;
import org.gridcare.platform.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD's use cases, for the HTTP API, the IVR and the server: operators log in and change state, the IVR queues
 * callers, supervisors watch and steer the queues, and the dispatcher offers waiting calls to operators through the
 * PBX. Live state is in {@link AcdState}, shared by every server instance: every decision that could race is an
 * atomic write there and every PBX event is handled by exactly one instance. Every state change and queue event is
 * journalled.
 */
public final class Acd {
  private static final Logger LOG = LoggerFactory.getLogger(Acd.class);
  static final Duration TICK = Duration.ofSeconds(1);

  private final AcdContext ctx;
  private final OperatorStates operators;
  private final Dispatcher dispatcher;
  private final Queues queues;
  private final CallbackFlow callbacks;
  private final CallEvents events;
  private final SupervisorOverrides overrides;
  private AutoCloseable subscription;
  private long ticker = -1;

  public Acd(Vertx vertx, AcdSettings settings, AcdState state, Pbx pbx, Journal journal, OperatorHistory history,
      Callbacks callbackStore, AcdMetrics metrics, Clock clock) {
    this(vertx, settings, state, pbx, journal, history, callbackStore, metrics, clock, Overrides.none());
  }

  /** With the supervisors' {@link Overrides} (line hours, skills) shared by every instance. */
  public Acd(Vertx vertx, AcdSettings settings, AcdState state, Pbx pbx, Journal journal, OperatorHistory history,
      Callbacks callbackStore, AcdMetrics metrics, Clock clock, Overrides overrides) {
    this.ctx = new AcdContext(vertx, settings, state, pbx, journal, metrics, clock, overrides);
    this.operators = new OperatorStates(ctx, history, this::wakeUp);
    this.queues = new Queues(ctx, operators, this::wakeUp);
    this.callbacks = new CallbackFlow(ctx, callbackStore);
    this.events = new CallEvents(ctx, operators, callbacks);
    this.dispatcher = new Dispatcher(ctx, operators, callbackStore, events);
    this.overrides = new SupervisorOverrides(ctx, this::wakeUp);
  }

  /** Listens to PBX events and starts the one-second tick (wrap-up ends, aging, overflow, stale offers). */
  public void start() {
    subscription = ctx.pbx.subscribe(events::on);
    ticker = ctx.vertx.setPeriodic(TICK.toMillis(), id -> tick());
  }

  /** Stops the tick, the wrap-up timers, dispatching and the PBX subscription: nothing starts on the state after. */
  public Future<Void> stop() {
    ctx.vertx.cancelTimer(ticker);
    operators.stop();
    dispatcher.stop();
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
    return ctx.settings;
  }

  private void wakeUp() {
    dispatcher.dispatch();
  }

  private void tick() {
    operators.endWrapUps().eventually(dispatcher::recoverStaleOffers).onComplete(ar -> dispatcher.dispatch());
  }

  // operators

  /** Logs the operator in on {@code endpoint} (their configured softphone when null); they start not ready. */
  public Future<OperatorStatus> login(String operatorId, String endpoint) {
    return operators.login(operatorId, endpoint);
  }

  public Future<OperatorStatus> ready(String operatorId) {
    return operators.ready(operatorId);
  }

  /** Not ready with a chosen reason; during a call it takes effect after wrap-up. */
  public Future<OperatorStatus> notReady(String operatorId, String reason) {
    return operators.notReady(operatorId, reason);
  }

  /** Refused while a call is offered or in progress. */
  public Future<OperatorStatus> logout(String operatorId) {
    return operators.logout(operatorId);
  }

  public Future<OperatorView> operator(String operatorId) {
    return operators.operator(operatorId);
  }

  /** Every configured operator with their live status (logged out when never seen). */
  public Future<List<OperatorView>> operators() {
    return operators.operators();
  }

  /** The operator talking on (or being offered) a call, if any. */
  public Future<Optional<String>> operatorOf(String callId) {
    return ctx.state.liveCall(callId).map(found -> found.map(LiveCall::operatorId));
  }

  // queues

  /** Queues a caller the IVR handed over (from the {@code cc-wait} context); journals {@code acd.call.queued}. */
  public Future<WaitingCall> enqueue(QueueRequest request) {
    return queues.enqueue(request);
  }

  /**
   * Whether a line takes calls now (a supervisor's override, else business hours and holidays); the IVR sends callers
   * of a closed line to voicemail.
   */
  public boolean isOpen(int line) {
    return ctx.open(line, ctx.now());
  }

  // supervisors' overrides of the configuration

  /** Opens or closes the line whatever its hours, until {@code until} (null: until further notice); journalled. */
  public Future<LineOverride> overrideLine(int line, boolean open, Instant until, String by) {
    return overrides.setLine(line, open, until, by);
  }

  /** The line follows its configured hours again; journalled {@code acd.line.reset}. */
  public Future<Void> resetLine(int line, String by) {
    return overrides.resetLine(line, by);
  }

  /** The line's override in force now, if any. */
  public Optional<LineOverride> lineOverride(int line) {
    return overrides.line(line);
  }

  /** Replaces an operator's skills for routing, at once on every instance; journalled. */
  public Future<Operator> overrideSkills(String operatorId, Map<String, Integer> skills, String by) {
    return overrides.setSkills(operatorId, skills, by);
  }

  /** The operator's configured skills again; journalled. */
  public Future<Operator> resetSkills(String operatorId, String by) {
    return overrides.resetSkills(operatorId, by);
  }

  public boolean skillsOverridden(String operatorId) {
    return ctx.overrides.skillsOverridden(operatorId);
  }

  /** Every waiting call, in routing order. */
  public Future<List<WaitingCall>> waiting() {
    return queues.waiting();
  }

  /** Each line's queue (by line id) in order, with estimated waits and its operators by state. */
  public Future<List<QueueSnapshot>> queues() {
    return queues.snapshots();
  }

  /** The caller's place in the queue now (for the wait script), empty when the call no longer waits. */
  public Future<Optional<QueuePlace>> place(String callId) {
    return queues.place(callId);
  }

  /** A supervisor changes a waiting call's base priority. */
  public Future<WaitingCall> reprioritise(String callId, int priority, String by) {
    return queues.reprioritise(callId, priority, by);
  }

  /**
   * Moves a call to another topic's queue (and line), keeping its ticket (set {@code ticketId} to attach one).
   * A waiting call keeps its wait; a call in conversation is escalated: the operator goes to wrap-up and the caller
   * back on hold, queued on the new line from now.
   */
  public Future<WaitingCall> transfer(String callId, String topicId, String ticketId, String by) {
    return queues.transfer(callId, topicId, ticketId, by);
  }

  /**
   * Takes a call in conversation out of the ACD so the operator's desktop can hand the caller elsewhere (another
   * operator, an outside number, the IVR, a conference): nobody is hung up, the operator goes to wrap-up, and the
   * operator's or caller's leg ending later is no longer the ACD's business. Journals {@code acd.call.released}.
   */
  public Future<LiveCall> release(String callId, String by) {
    return queues.release(callId, by);
  }

  public Future<Boolean> emergency() {
    return ctx.state.emergency();
  }

  /** Emergency mode (mass outage): calls overflow to other centres as soon as every operator is busy. */
  public Future<Void> setEmergency(boolean on, String by) {
    return queues.setEmergency(on, by);
  }

  /**
   * The waiting caller asks to be called back instead of holding on (the IVR wait script offers it after
   * {@code callback-offer-after}). The call keeps its place; the caller may hang up without the call counting as
   * abandoned. {@code rawPhone} is the number to call, normalised here.
   */
  public Future<Callback> requestCallback(String callId, String rawPhone) {
    return callbacks.request(callId, rawPhone);
  }

  // what the tick and the PBX link do, callable directly (tests, the server after a restart)

  /** Offers waiting calls to free operators and sends calls that should leave to other centres. */
  public Future<Void> dispatch() {
    return dispatcher.dispatch();
  }

  Future<Void> endWrapUps() {
    return operators.endWrapUps();
  }

  Future<Void> recoverStaleOffers() {
    return dispatcher.recoverStaleOffers();
  }

  /** Closes calls whose channels the PBX no longer has (after a reconnect; {@code PbxConnected} does it too). */
  public Future<Void> reconcile(Set<String> liveChannels) {
    return events.reconcile(liveChannels);
  }
}
