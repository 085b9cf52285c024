package org.gridcare.notifications.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gridcare.notifications.domain.CallOutcome;
import org.gridcare.notifications.domain.VoicePolicy;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.OriginateRequest;
import org.gridcare.pbx.domain.OriginateResult;
import org.gridcare.platform.domain.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls customers who cannot take SMS. Each tick it asks the PBX which channels are live, starts as many calls as the
 * {@link VoicePolicy} leaves room for (never eating into the inbound reserve), and records each outcome with a retry
 * when the policy wants one. An answered call runs the {@code notify} script in {@code cc-notify}, which plays the
 * message ({@link NotifyScript}); it counts as outbound until its channel is gone from the PBX, not just until the
 * originate is answered. Its outcome is settled only then: answered (or machine) when the script recorded the message
 * as played, otherwise {@link CallOutcome#HUNG_UP_BEFORE_MESSAGE} (a hang-up during answering machine detection never
 * reaches the script). A channel found gone is settled one tick later, so the script's last write lands first.
 */
public final class VoiceDialler {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceDialler.class);
  public static final String CALL_VARIABLE = "CC_NOTIFY_CALL";
  /** The campaign of a call outside {@code cc-notify} (a survey call), on its channel. */
  public static final String CAMPAIGN_VARIABLE = "CC_CAMPAIGN";

  private final Vertx vertx;
  private final Pbx pbx;
  private final CallOutbox calls;
  private final VoicePolicy policy;
  private final String callerId;
  private final Duration ringTimeout;
  private final Duration tick;
  private final Clock clock;
  /** Originates not answered or failed yet. */
  private int dialling;
  /** Answered notification calls whose channel the PBX still listed at the last tick. */
  private final Map<ChannelId, OutboxCall> connected = new HashMap<>();
  /** Answered calls whose channel was gone at the last tick: settled at this one if it is still gone. */
  private final Map<ChannelId, OutboxCall> ended = new HashMap<>();
  private boolean ticking;
  private long timer = -1;

  /** @param ringTimeout how long a call rings before it counts as {@link CallOutcome#NO_ANSWER} */
  public VoiceDialler(Vertx vertx, Pbx pbx, CallOutbox calls, VoicePolicy policy, String callerId,
      Duration ringTimeout, Duration tick, Clock clock) {
    this.vertx = vertx;
    this.pbx = pbx;
    this.calls = calls;
    this.policy = policy;
    this.callerId = callerId;
    this.ringTimeout = ringTimeout;
    this.tick = tick;
    this.clock = clock;
  }

  public void start() {
    timer = vertx.setPeriodic(tick.toMillis(), id -> tick());
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Outbound notification calls in progress from this instance (ringing or connected). */
  public int active() {
    return dialling + connected.size();
  }

  /** One pacing round: fill the free outbound slots from the call list. */
  public Future<Integer> tick() {
    if (ticking) {
      return Future.succeededFuture(0);
    }
    ticking = true;
    return pbx.activeChannels()
        .compose(channels -> {
          Set<ChannelId> live = new HashSet<>();
          channels.forEach(c -> live.add(c.id()));
          ended.forEach((channel, call) -> {
            if (live.contains(channel)) {
              connected.put(channel, call);
            } else {
              settle(call);
            }
          });
          ended.clear();
          connected.entrySet().removeIf(c -> !live.contains(c.getKey()) && ended.put(c.getKey(), c.getValue()) == null);
          int outbound = active();
          int inbound = Math.max(0, channels.size() - outbound);
          return calls.claim(policy.freeSlots(outbound, inbound), Duration.ofMinutes(5));
        })
        .map(claimed -> {
          claimed.forEach(this::dial);
          return claimed.size();
        })
        .onFailure(e -> LOG.warn("notification dialling paused: {}", e.toString()))
        .eventually(() -> {
          ticking = false;
          return Future.succeededFuture();
        });
  }

  private void dial(OutboxCall call) {
    dialling++;
    boolean notify = Contexts.NOTIFY.equals(call.context());
    OriginateRequest request = new OriginateRequest(Endpoint.external(call.phone()), DialplanTarget.of(call.context()),
        callerId, notify ? "Outage information" : "Survey", notify ? Map.of(CALL_VARIABLE, String.valueOf(call.id()))
        : Map.of(CALL_VARIABLE, String.valueOf(call.id()), CAMPAIGN_VARIABLE, call.campaignId().toString()),
        ringTimeout);
    pbx.originate(request)
        .map(r -> {
          dialling--;
          if (r.answered()) {
            // settled when its channel is gone (one without a channel id at the next tick)
            connected.put(r.channel() != null ? r.channel() : new ChannelId("unknown-" + call.id()), call);
            return null;
          }
          return outcome(r);
        })
        .otherwise(e -> {
          dialling--;
          LOG.info("notification call to {} failed: {}", Masking.phone(call.phone()), e.getMessage());
          return CallOutcome.FAILED;
        })
        .compose(outcome -> outcome == null ? Future.<Void>succeededFuture()
            : calls.outcome(call, outcome, retryAt(outcome, call)))
        .onComplete(r -> {
          if (r.failed()) {
            LOG.warn("could not record a notification call outcome: {}", r.cause().toString());
          }
        });
  }

  /** An answered call's channel is gone: answered if the message was played, else a hang-up before it. */
  private void settle(OutboxCall call) {
    calls.answeredCallEnded(call, retryAt(CallOutcome.HUNG_UP_BEFORE_MESSAGE, call))
        .onFailure(e -> LOG.warn("could not record a notification call outcome: {}", e.toString()));
  }

  private Instant retryAt(CallOutcome outcome, OutboxCall call) {
    return policy.retry(outcome, call.attempts()) ? clock.instant().plus(policy.retryAfter()) : null;
  }

  static CallOutcome outcome(OriginateResult r) {
    return switch (r.outcome()) {
      case ANSWERED -> CallOutcome.ANSWERED;
      case BUSY -> CallOutcome.BUSY;
      case NO_ANSWER -> CallOutcome.NO_ANSWER;
      case CONGESTION, FAILED -> CallOutcome.FAILED;
    };
  }
}
