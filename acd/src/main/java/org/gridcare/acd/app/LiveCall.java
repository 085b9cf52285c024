package org.gridcare.acd.app;

import java.time.Instant;
import org.gridcare.acd.domain.WaitingCall;

/**
 * A call that left the queue for an operator: offered (ringing) or answered. {@code operatorChannel} and
 * {@code pbxCall} (the PBX call the operator's leg belongs to) are set once the operator's softphone answered.
 */
public record LiveCall(
    WaitingCall call, String operatorId, String operatorChannel, String pbxCall, Instant offeredAt, Instant answeredAt) {

  public static LiveCall offered(WaitingCall call, String operatorId, Instant at) {
    return new LiveCall(call, operatorId, null, null, at, null);
  }

  public LiveCall answered(String channel, String onPbxCall, Instant at) {
    return new LiveCall(call, operatorId, channel, onPbxCall, offeredAt, at);
  }
}
