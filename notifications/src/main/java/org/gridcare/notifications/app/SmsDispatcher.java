package org.gridcare.notifications.app;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.gridcare.notifications.domain.Backoff;
import org.gridcare.notifications.domain.ProviderError;
import org.gridcare.platform.domain.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the SMS outbox: claims due rows, takes a token from the shared rate limiter for each, sends it, and records
 * the result (sent, retry later with backoff, failed, opted out). At most {@code maxInFlight} messages are between
 * their token and their recorded result (the provider client's own pool bounds the HTTP requests). Rows left SENDING by a sender that died are looked up at the provider first (it may have sent
 * them): found, they are marked sent; not found, they are sent again. So a recipient gets exactly one message
 * whatever crashes, as long as the provider's message list can be read.
 */
public final class SmsDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(SmsDispatcher.class);
  /** A sender's clock may be behind the provider's: look back a little further than the claim. */
  private static final Duration LOOKUP_SKEW = Duration.ofMinutes(2);

  /** @param callbackUrl the status callback URL for a row's idempotency key (null: no callbacks) */
  public record Settings(int maxInFlight, Duration lease, Duration idlePoll, Function<UUID, String> callbackUrl) {}

  private final Vertx vertx;
  private final SmsOutbox outbox;
  private final SmsGateway gateway;
  private final RateLimiter rate;
  private final Backoff backoff;
  private final Settings settings;
  private final Clock clock;
  private final Deque<OutboxSms> queue = new ArrayDeque<>();
  private Context context;
  private int inFlight;
  private boolean running;
  private boolean pumping;
  private boolean refilling;
  private boolean idle;
  private Promise<Void> drained;

  public SmsDispatcher(Vertx vertx, SmsOutbox outbox, SmsGateway gateway, RateLimiter rate, Backoff backoff,
      Settings settings, Clock clock) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.gateway = gateway;
    this.rate = rate;
    this.backoff = backoff;
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts sending on the caller's context (or a new one). */
  public void start() {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      running = true;
      pump();
    });
  }

  /** Stops claiming; completes when the sends in flight are recorded. Claimed rows not yet sent go back to PENDING. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      running = false;
      Future<Void> release = Future.succeededFuture();
      while (!queue.isEmpty()) {
        OutboxSms sms = queue.poll();
        release = release.compose(x -> outbox.retryAt(sms, clock.instant(), "sender-stopped"));
      }
      release.onComplete(r -> {
        if (inFlight == 0) {
          done.complete();
        } else {
          drained = done;
        }
      });
    });
    return done.future();
  }

  private void pump() {
    if (!running) {
      return;
    }
    // Claim ahead while the queue still has work, so sending never waits for the database.
    if (queue.size() <= settings.maxInFlight() && !refilling && !idle) {
      refill();
    }
    if (pumping || queue.isEmpty() || inFlight >= settings.maxInFlight()) {
      return; // a token, a claim or a completing send pumps again
    }
    OutboxSms next = queue.poll();
    pumping = true;
    inFlight++;
    rate.acquire().onComplete(granted -> {
      pumping = false;
      if (granted.failed()) {
        LOG.warn("rate limiter unavailable: {}", granted.cause().toString());
        done(outbox.retryAt(next, clock.instant().plusSeconds(1), "rate-limiter-unavailable"));
        return;
      }
      done(send(next));
      pump();
    });
  }

  private void done(Future<Void> recorded) {
    recorded.onComplete(r -> {
      if (r.failed()) {
        // The row stays SENDING; its lease runs out and the next sender looks it up at the provider.
        LOG.warn("could not record an SMS result: {}", r.cause().toString());
      }
      inFlight--;
      if (!running && inFlight == 0 && drained != null) {
        drained.complete();
      }
      pump();
    });
  }

  private void refill() {
    refilling = true;
    int room = settings.maxInFlight() * 2;
    outbox.claimInDoubt(room, settings.lease()).compose(doubtful -> {
      for (OutboxSms sms : doubtful) {
        inFlight++;
        done(reconcile(sms));
      }
      return outbox.claim(room, settings.lease()).map(this::queueUp);
    }).onComplete(r -> {
      refilling = false;
      if (r.failed()) {
        LOG.warn("SMS outbox unavailable: {}", r.cause().toString());
      }
      if (r.failed() || r.result().isEmpty() && queue.isEmpty()) {
        // Nothing due: look again after the idle poll (or when woken).
        idle = true;
        vertx.setTimer(settings.idlePoll().toMillis(), id -> {
          idle = false;
          pump();
        });
      } else {
        pump();
      }
    });
  }

  private List<OutboxSms> queueUp(List<OutboxSms> claimed) {
    queue.addAll(claimed);
    return claimed;
  }

  private Future<Void> send(OutboxSms sms) {
    String callback = settings.callbackUrl() == null ? null : settings.callbackUrl().apply(sms.key());
    return gateway.send(sms.phone(), sms.body(), callback).compose(result ->
        result instanceof SmsGateway.Result.Accepted a ? outbox.sent(sms, a.sid())
            : refused(sms, ((SmsGateway.Result.Refused) result).error()));
  }

  private Future<Void> refused(OutboxSms sms, ProviderError error) {
    String reason = error.reason();
    return switch (error.verdict()) {
      case OPTED_OUT -> outbox.optedOut(sms, reason);
      case PERMANENT -> {
        LOG.info("SMS to {} refused for good: {}", Masking.phone(sms.phone()), reason);
        yield outbox.failed(sms, reason);
      }
      case RETRY -> backoff.exhausted(sms.attempts()) ? outbox.failed(sms, reason)
          : outbox.retryAt(sms, clock.instant().plus(backoff.delayAfter(sms.attempts())), reason);
      case IN_DOUBT -> {
        // Left SENDING: when its lease runs out the provider is asked whether it went out.
        LOG.info("no answer from the SMS provider for {}; will look it up", Masking.phone(sms.phone()));
        yield Future.succeededFuture();
      }
    };
  }

  private Future<Void> reconcile(OutboxSms sms) {
    return gateway.findSent(sms.phone(), sms.body(), sms.claimedAt().minus(LOOKUP_SKEW)).compose(found -> found
        .map(sid -> outbox.sent(sms, sid))
        .orElseGet(() -> outbox.retryAt(sms, clock.instant(), "in-doubt-not-sent")));
  }
}
