package org.gridcare.acd.app;

import java.time.Instant;
import org.gridcare.acd.domain.WaitingCall;

/**
 * A call that left the queue for an operator: offered (ringing) or answered. {@code operatorChannel} is set once the
 * operator's softphone answered; {@code offeredAt} starts the ring-no-answer clock.
 */
public record LiveCall(WaitingCall call, String operatorId, String operatorChannel, Instant offeredAt, Instant answeredAt) {
  public LiveCall answered(String channel, Instant at) {
    return new LiveCall(call, operatorId, channel, offeredAt, at);
  }
}
