package org.gridcare.crm.app;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.gridcare.crm.domain.Interaction;
import org.gridcare.crm.domain.Interaction.Direction;
import org.gridcare.crm.domain.Interaction.Outcome;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.platform.domain.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one interaction per conversation from the PBX events. An inbound call starts at {@code CallArrived}; the
 * first bridge that puts one of its channels together with an operator's device answers it. An operator's device in
 * a bridge with no inbound call is an outbound call (click-to-call), started by that device's leg. The hang-up of the
 * channel that started the conversation ends it. Legs the ACD originates to operators have their own call id at the
 * PBX; they are matched to the caller by bridge membership, never counted as calls of their own. The IVR and the ACD
 * add the path and the queue through {@link #ivrStep}/{@link #queued}/{@link #outcome}. All state lives on the
 * context this was built on; the database work of one conversation runs in order.
 */
public final class CallHistory {
  private static final Logger LOG = LoggerFactory.getLogger(CallHistory.class);

  private final Interactions interactions;
  private final CallerDirectory directory;
  private final PhoneNumbers phones;
  private final Map<String, String> operatorByEndpoint;
  /** Live conversations by call id. */
  private final Map<String, LiveCall> live = new HashMap<>();
  private final Map<ChannelId, Channel> channels = new HashMap<>();
  private final Map<String, Future<Void>> pending = new HashMap<>();
  /** The context this was built on (and subscribes to the PBX from): the maps are only touched there. */
  private final Context context = Vertx.currentContext();

  private final BiConsumer<String, Long> identified;

  /**
   * @param operatorByEndpoint softphone endpoint ({@code PJSIP/op1001}) to operator id
   * @param identified told (call id, customer id) when a caller is recognised by their number
   */
  public CallHistory(Interactions interactions, CallerDirectory directory, PhoneNumbers phones,
      Map<String, String> operatorByEndpoint, BiConsumer<String, Long> identified) {
    this.identified = identified;
    this.interactions = interactions;
    this.directory = directory;
    this.phones = phones;
    this.operatorByEndpoint = Map.copyOf(operatorByEndpoint);
  }

  /** Applies one PBX event; failures are logged, never thrown. The future completes when its database work did. */
  public Future<Void> on(PbxEvent event) {
    return apply(event).recover(e -> {
      LOG.warn("Call history could not apply {} for call {}: {}", event.getClass().getSimpleName(), event.call(), e.toString());
      return Future.succeededFuture();
    });
  }

  /** Runs the work of one conversation after its earlier work (a row is inserted before it is answered or ended). */
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
      channels.put(c.channel(), c.snapshot());
    } else if (event instanceof PbxEvent.CallArrived a) {
      String callId = a.call().value();
      live.put(callId, new LiveCall(callId, a.channel(), false));
      String phone = phones.normalise(a.callerNumber()).orElse(null);
      return serially(callId, () -> interactions.begin(new Interaction(callId, null, phone, Direction.INBOUND, List.of(),
          null, null, a.at(), null, null, Outcome.IN_PROGRESS)).compose(v -> identifyByPhone(callId, phone)));
    } else if (event instanceof PbxEvent.ChannelsBridged b) {
      return bridged(b);
    } else if (event instanceof PbxEvent.ChannelHungUp h) {
      channels.remove(h.channel());
      Optional<LiveCall> call = live.values().stream().filter(l -> l.origin().equals(h.channel())).findFirst();
      if (call.isPresent()) {
        LiveCall l = call.get();
        live.remove(l.callId());
        return serially(l.callId(), () -> interactions.ended(l.callId(), h.at(),
            l.answered() ? Outcome.ANSWERED : Outcome.ABANDONED));
      }
    }
    return Future.succeededFuture();
  }

  private Future<Void> bridged(PbxEvent.ChannelsBridged b) {
    Optional<Channel> operatorLeg = b.members().stream().map(channels::get).filter(java.util.Objects::nonNull)
        .filter(c -> operatorByEndpoint.containsKey(c.endpoint())).findFirst();
    if (operatorLeg.isEmpty()) {
      return Future.succeededFuture();
    }
    String operator = operatorByEndpoint.get(operatorLeg.get().endpoint());
    Optional<LiveCall> conversation = live.values().stream().filter(l -> b.members().contains(l.origin())).findFirst();
    if (conversation.isPresent()) {
      LiveCall l = conversation.get();
      if (l.answered()) {
        return Future.succeededFuture();
      }
      live.put(l.callId(), new LiveCall(l.callId(), l.origin(), true));
      return serially(l.callId(), () -> interactions.answered(l.callId(), operator, b.at()));
    }
    // No inbound call in the bridge: the operator dialled out; the conversation is their leg's call.
    Channel leg = operatorLeg.get();
    String callId = leg.callId().value();
    live.put(callId, new LiveCall(callId, leg.id(), true));
    String phone = phones.normalise(leg.connectedNumber()).orElse(null);
    return serially(callId, () -> interactions.begin(new Interaction(callId, null, phone, Direction.OUTBOUND, List.of(),
        null, operator, leg.createdAt() == null ? b.at() : leg.createdAt(), b.at(), null, Outcome.IN_PROGRESS))
        .compose(v -> identifyByPhone(callId, phone)));
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
        ? interactions.identify(callId, found.get(0).id()).onSuccess(v -> identified.accept(callId, found.get(0).id()))
        : Future.succeededFuture());
  }

  private record LiveCall(String callId, ChannelId origin, boolean answered) {}
}
