package org.gridcare.ivr.app;

import io.vertx.core.Future;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.ChannelId;

/**
 * Puts a caller leaving the IVR into a line's queue (implemented by the ACD). The IVR has already set the channel
 * variables ({@code CC_NEXT=wait} and the CC_LINE/TOPIC/PRIORITY/HAZARD/CUSTOMER hints); when the returned future
 * succeeds the script ends and the dialplan takes the caller to {@code cc-wait}.
 */
public interface AcdHandoff {
  Future<Void> enqueue(Handoff handoff);

  /** {@code customerId} and {@code callerNumber} (E.164) are null when unknown. */
  record Handoff(CallId call, ChannelId channel, int line, String topic, int priority, boolean hazard,
      String customerId, String callerNumber, String language) {}
}
