package org.gridcare.acd.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gridcare.acd.domain.Operator;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.pbx.Pbx;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every part of the ACD shares: its ports, settings, meters and clock, and how facts are recorded. */
final class AcdContext {
  private static final Logger LOG = LoggerFactory.getLogger(AcdContext.class);

  final Vertx vertx;
  final AcdSettings settings;
  final AcdState state;
  final Pbx pbx;
  final AcdMetrics metrics;
  final Overrides overrides;
  private final Journal journal;
  private final Clock clock;

  AcdContext(Vertx vertx, AcdSettings settings, AcdState state, Pbx pbx, Journal journal, AcdMetrics metrics, Clock clock,
      Overrides overrides) {
    this.vertx = vertx;
    this.overrides = overrides;
    this.settings = settings;
    this.state = state;
    this.pbx = pbx;
    this.journal = journal;
    this.metrics = metrics;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /** Whether the line takes calls at {@code at}: a supervisor's override in force, else its configured hours. */
  boolean open(int line, Instant at) {
    return overrides.line(line, at).map(o -> o.open()).orElseGet(() -> settings.open(line, at));
  }

  /** The operator as routing sees them: configured, with the skills a supervisor set. */
  Operator operator(String operatorId) {
    return overrides.apply(settings.operator(operatorId));
  }

  /** Journals a fact and tells live pages about it ({@link AcdEvents#QUEUE_CHANGED}). */
  Future<Void> record(JournalEntry e) {
    return journal.append(e).onSuccess(v -> vertx.eventBus().publish(AcdEvents.QUEUE_CHANGED, AcdEvents.queueChanged(e)));
  }

  /** A caller left before an operator talked to them; {@code whileOfferedTo} the operator being rung, if any. */
  Future<Void> abandoned(WaitingCall call, String whileOfferedTo) {
    Instant now = now();
    Duration waited = call.waited(now);
    metrics.callLeftQueue(call.line(), AcdMetrics.ABANDONED, waited);
    LOG.info("call {} abandoned after {} s", call.callId(), waited.toSeconds());
    return record(entry("acd.call.abandoned", call, now).operator(whileOfferedTo)
        .data(data("waitedMs", waited.toMillis(), "topic", call.topic())));
  }

  /** Every configured operator with their stored status (logged out when never seen), by id. */
  List<OperatorView> views(List<Versioned<OperatorStatus>> stored, Instant now) {
    Map<String, OperatorStatus> byId = new HashMap<>();
    stored.forEach(v -> byId.put(v.value().operatorId(), v.value()));
    List<OperatorView> out = new ArrayList<>();
    settings.operators().values().stream().sorted(Comparator.comparing(Operator::id)).forEach(op ->
        out.add(new OperatorView(overrides.apply(op), byId.getOrDefault(op.id(), OperatorStatus.loggedOut(op.id(), now)))));
    return out;
  }

  static JournalEntry entry(String type, WaitingCall call, Instant at) {
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

  /** Runs {@code work}, turning an exception thrown while setting it up into a failed future. */
  static <T> Future<T> guarded(Supplier<Future<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
