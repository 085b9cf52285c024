package org.gridcare.acd.app;

import static org.gridcare.acd.app.AcdContext.data;
import static org.gridcare.acd.app.AcdContext.entry;
import static org.gridcare.acd.app.AcdContext.guarded;

import io.vertx.core.Future;
import java.time.Instant;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.pbx.domain.PbxEvent;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;

/**
 * Callbacks: the waiting caller keeps their place and hangs up; when their turn comes the operator is rung first
 * and {@code cc-dial-out} dials the customer. The customer answering is seen as another channel of the operator's
 * PBX call answering; an operator leg that ends before that is a missed attempt.
 */
final class CallbackFlow {
  /** A callback whose customer does not answer is tried this many times in all, each time from the queue's end. */
  static final int ATTEMPTS = 3;

  private final AcdContext ctx;
  private final Callbacks callbacks;

  CallbackFlow(AcdContext ctx, Callbacks callbacks) {
    this.ctx = ctx;
    this.callbacks = callbacks;
  }

  /**
   * The waiting caller asks to be called back instead of holding on (the IVR wait script offers it after
   * {@code callback-offer-after}). {@code rawPhone} is the number to call, normalised here.
   */
  Future<Callback> request(String callId, String rawPhone) {
    return guarded(() -> {
      String phone = ctx.settings.phoneNumbers().require(rawPhone);
      return ctx.state.waitingCall(callId).compose(found -> {
        WaitingCall call = found.orElseThrow(() -> DomainException.notFound("call-not-waiting",
            "Call " + callId + " is not waiting in a queue"));
        Instant now = ctx.now();
        if (call.callback()) {
          throw DomainException.conflict("callback-already-requested", "Call " + callId + " already has a callback");
        }
        if (call.waited(now).compareTo(ctx.settings.callbackOfferAfter()) < 0) {
          throw DomainException.conflict("callback-not-offered-yet", "A callback is offered after "
              + ctx.settings.callbackOfferAfter().toSeconds() + " s of waiting");
        }
        Callback cb = new Callback(callId, call.line(), call.topic(), call.customerId(), phone, now,
            Callback.Status.WAITING, 0, null);
        return callbacks.create(cb)
            .compose(v -> ctx.state.takeLeg(call.channel()))
            .compose(v -> ctx.state.updateWaiting(call.asCallback()))
            .compose(kept -> kept
                ? ctx.record(entry("acd.callback.requested", call, now).phone(phone)
                    .data(data("waitedMs", call.waited(now).toMillis()))).map(cb)
                : callbacks.update(callId, Callback.Status.CANCELLED, now).compose(v -> Future.failedFuture(
                    DomainException.notFound("call-not-waiting", "Call " + callId + " left the queue"))));
      });
    });
  }

  /** A channel of a callback's PBX call answered that is not the operator's own leg: the customer is on. */
  Future<Void> answered(PbxEvent.ChannelAnswered a) {
    String key = Leg.callbackKey(a.call().value());
    return ctx.state.leg(key).compose(marker -> marker.isEmpty()
        ? Future.succeededFuture()
        : ctx.state.leg(a.channel().value()).compose(own -> own.isPresent()
            ? Future.succeededFuture()
            : ctx.state.takeLeg(key).compose(taken -> taken.map(leg -> {
              Instant now = ctx.now();
              return callbacks.update(leg.callId(), Callback.Status.CONNECTED, now)
                  .compose(v -> ctx.record(JournalEntry.of("acd.callback.connected").at(now).call(leg.callId())
                      .operator(leg.operatorId())));
            }).orElse(Future.succeededFuture()))));
  }

  /**
   * The operator's leg of a callback ended. If the customer never answered, the attempt is missed: the callback
   * goes back to the queue's end until {@link #ATTEMPTS} attempts were made.
   */
  Future<Void> ended(LiveCall live) {
    WaitingCall call = live.call();
    return ctx.state.takeLeg(Leg.callbackKey(live.pbxCall())).compose(marker -> {
      if (marker.isEmpty()) {
        return Future.<Void>succeededFuture();
      }
      Instant now = ctx.now();
      return callbacks.find(call.callId()).compose(cb -> {
        int attempts = cb.map(Callback::attempts).orElse(ATTEMPTS);
        boolean again = attempts < ATTEMPTS;
        Future<Void> next = again
            ? callbacks.update(call.callId(), Callback.Status.WAITING, now)
                .compose(v -> ctx.state.enqueue(call.movedTo(call.line(), call.topic(), call.skill(), call.priority(), now)))
                .mapEmpty()
            : callbacks.update(call.callId(), Callback.Status.MISSED, now);
        return next.compose(v -> ctx.record(entry("acd.callback.missed", call, now).operator(live.operatorId())
            .data(data("attempts", attempts, "retry", again))));
      });
    });
  }
}
