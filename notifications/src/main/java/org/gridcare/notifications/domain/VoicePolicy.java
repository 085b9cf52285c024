package org.gridcare.notifications.domain;

import java.time.Duration;

/**
 * Retries and pacing of notification calls. Busy, no answer and failures are retried {@code retryAfter} later up to
 * {@code maxAttempts} calls; answered and machine are final. A hang-up before the message is retried once, when it
 * happens on the first call (someone who picks up and hangs up again is not called a third time). Outbound calls never take more than
 * {@code maxChannels - reservedForInbound} channels, and fewer while inbound traffic uses more than its reserve.
 */
public record VoicePolicy(int maxChannels, int reservedForInbound, int maxAttempts, Duration retryAfter) {
  public VoicePolicy {
    if (maxChannels < 1 || reservedForInbound < 0 || reservedForInbound >= maxChannels || maxAttempts < 1) {
      throw new IllegalArgumentException("voice policy needs 0 <= reserved < max channels and maxAttempts >= 1");
    }
  }

  public boolean retry(CallOutcome outcome, int attempts) {
    return switch (outcome) {
      case ANSWERED, MACHINE -> false;
      case HUNG_UP_BEFORE_MESSAGE -> attempts == 1 && attempts < maxAttempts;
      case BUSY, NO_ANSWER, FAILED -> attempts < maxAttempts;
    };
  }

  /** How many more calls may start now, given the calls in progress on the PBX. */
  public int freeSlots(int outboundActive, int inboundActive) {
    int byCap = maxChannels - reservedForInbound - outboundActive;
    int byTotal = maxChannels - Math.max(inboundActive, reservedForInbound) - outboundActive;
    return Math.max(0, Math.min(byCap, byTotal));
  }
}
