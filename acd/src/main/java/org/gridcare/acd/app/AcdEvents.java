package org.gridcare.acd.app;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.gridcare.acd.domain.StateChange;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.platform.journal.JournalEntry;

/**
 * What the ACD publishes on the Vert.x event bus for live pages (the server relays it over SSE): operator state
 * changes, queue changes, and the screen pop for the operator who answered. No phone numbers on the bus.
 */
public final class AcdEvents {
  /** {@code {operatorId, from, to, reason?, callId?, at}} */
  public static final String OPERATOR_STATE = "acd.operator.state";
  /** {@code {type, callId?, line?, operatorId?, at}}: a call was queued, offered, answered, abandoned... */
  public static final String QUEUE_CHANGED = "acd.queue.changed";
  /** {@code {operatorId, callId, line, topic, customerId?, ticketId?, callback}}: show the caller's card. */
  public static final String SCREEN_POP = "acd.screen-pop";

  private AcdEvents() {}

  static JsonObject stateChanged(StateChange c) {
    return compact(new JsonObject().put("operatorId", c.operatorId()).put("from", c.from().id()).put("to", c.to().id())
        .put("reason", c.reason()).put("callId", c.callId()).put("at", c.at().toString()));
  }

  static JsonObject queueChanged(JournalEntry e) {
    return compact(new JsonObject().put("type", e.type()).put("callId", e.callId()).put("line", e.line())
        .put("operatorId", e.operatorId()).put("at", e.at().toString()));
  }

  static JsonObject screenPop(String operatorId, WaitingCall call) {
    return compact(new JsonObject().put("operatorId", operatorId).put("callId", call.callId()).put("line", call.line())
        .put("topic", call.topic()).put("customerId", call.customerId()).put("ticketId", call.ticketId())
        .put("callback", call.callback()));
  }

  private static JsonObject compact(JsonObject json) {
    json.getMap().values().removeIf(Objects::isNull);
    return json;
  }
}
