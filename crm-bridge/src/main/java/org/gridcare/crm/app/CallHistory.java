package org.gridcare.crm.app;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.crm.domain.Interaction;
import org.gridcare.crm.domain.Interaction.Direction;
import org.gridcare.crm.domain.Interaction.Outcome;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.platform.domain.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one interaction per call from the PBX events: an inbound call starts at {@code CallArrived}, an outbound
 * one when an operator's device originates it; the first bridge with an operator's device answers it; the hang-up of
 * the channel that started it ends it. The IVR and the ACD add the path and the queue through
 * {@link #ivrStep}/{@link #queued}/{@link #outcome}. Runs on the subscribing context; state per live call only.
 */
public final class CallHistory {
  private static final Logger LOG = LoggerFactory.getLogger(CallHistory.class);

  private final Interactions interactions;
  private final CallerDirectory directory;
  private final PhoneNumbers phones;
  private final Map<String, String> operatorByEndpoint;
  private final Map<String, LiveCall> live = new HashMap<>();
  private final Map<ChannelId, String> endpointOf = new HashMap<>();
  private final Map<String, Future<Void>> pending = new HashMap<>();
  /** The context this was built on (and subscribes to the PBX from): the maps are only touched there. */
  private final Context context = Vertx.currentContext();

  /** @param operatorByEndpoint softphone endpoint ({@code PJSIP/op1001}) to operator id */
  public CallHistory(Interactions interactions, CallerDirectory directory, PhoneNumbers phones,
      Map<String, String> operatorByEndpoint) {
    this.interactions = interactions;
    this.directory = directory;
    this.phones = phones;
    this.operatorByEndpoint = Map.copyOf(operatorByEndpoint);
  }

  /**
   * Applies one PBX event after the previous work of the same call has completed (the row must exist before it is
   * answered or ended); failures are logged, never thrown.
   */
  public Future<Void> on(PbxEvent event) {
    return serially(event.call() == null ? "" : event.call().value(), () -> apply(event).recover(e -> {
      LOG.warn("Call history could not apply {} for call {}: {}", event.getClass().getSimpleName(), event.call(), e.toString());
      return Future.succeededFuture();
    }));
  }

  private Future<Void> serially(String callId, java.util.function.Supplier<Future<Void>> work) {
    if (context != null && Vertx.currentContext() != context) {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> serially(callId, work).onComplete(done));
      return done.future();
    }
    Future<Void> previous = pending.getOrDefault(callId, Future.succeededFuture());
    Future<Void> next = previous.transform(x -> work.get());
    pending.put(callId, next);
    next.onComplete(x -> pending.remove(callId, next));
    return next;
  }

  private Future<Void> apply(PbxEvent event) {
    if (event instanceof PbxEvent.ChannelCreated c) {
      endpointOf.put(c.channel(), c.snapshot().endpoint());
      String operator = operatorByEndpoint.get(c.snapshot().endpoint());
      String callId = c.call().value();
      if (operator != null && !live.containsKey(callId)) {
        // An operator's device starting a call nobody else started: click-to-call or auto-dial (outbound).
        live.put(callId, new LiveCall(c.channel(), false));
        String phone = phones.normalise(c.snapshot().connectedNumber()).orElse(null);
        return interactions.begin(new Interaction(callId, null, phone, Direction.OUTBOUND, List.of(), null, operator,
            c.at(), null, null, Outcome.IN_PROGRESS)).compose(v -> identifyByPhone(callId, phone));
      }
      return Future.succeededFuture();
    }
    if (event instanceof PbxEvent.CallArrived a) {
      String callId = a.call().value();
      live.put(callId, new LiveCall(a.channel(), false));
      String phone = phones.normalise(a.callerNumber()).orElse(null);
      return interactions.begin(new Interaction(callId, null, phone, Direction.INBOUND, List.of(), null, null, a.at(),
          null, null, Outcome.IN_PROGRESS)).compose(v -> identifyByPhone(callId, phone));
    }
    if (event instanceof PbxEvent.ChannelsBridged b) {
      LiveCall call = live.get(b.call().value());
      if (call == null || call.answered) {
        return Future.succeededFuture();
      }
      Optional<String> operator = b.members().stream().map(endpointOf::get).filter(java.util.Objects::nonNull)
          .map(operatorByEndpoint::get).filter(java.util.Objects::nonNull).findFirst();
      if (operator.isEmpty()) {
        return Future.succeededFuture();
      }
      live.put(b.call().value(), new LiveCall(call.origin, true));
      return interactions.answered(b.call().value(), operator.get(), b.at());
    }
    if (event instanceof PbxEvent.ChannelHungUp h) {
      endpointOf.remove(h.channel());
      LiveCall call = h.call() == null ? null : live.get(h.call().value());
      if (call == null || !call.origin.equals(h.channel())) {
        return Future.succeededFuture();
      }
      live.remove(h.call().value());
      return interactions.ended(h.call().value(), h.at(), call.answered ? Outcome.ANSWERED : Outcome.ABANDONED);
    }
    return Future.succeededFuture();
  }

  /** For the IVR and the ACD: queued behind the call's PBX events, on this object's own context. */
  public Future<Void> ivrStep(String callId, String step) {
    return serially(callId, () -> interactions.ivrStep(callId, step));
  }

  public Future<Void> queued(String callId, int line) {
    return serially(callId, () -> interactions.queued(callId, line));
  }

  public Future<Void> outcome(String callId, Outcome outcome) {
    return serially(callId, () -> interactions.outcome(callId, outcome));
  }

  private Future<Void> identifyByPhone(String callId, String e164) {
    if (e164 == null) {
      return Future.succeededFuture();
    }
    return directory.byPhone(e164).compose(found -> found.size() == 1
        ? interactions.identify(callId, found.get(0).id())
        : Future.succeededFuture());
  }

  private record LiveCall(ChannelId origin, boolean answered) {}
}
