package org.gridcare.desktop.app;

import io.vertx.core.json.JsonObject;

/**
 * What the desktop publishes on the event bus for the operators' streams: {@code {operatorId?, line?, type, data}}.
 * Types: {@code pop} (a call rings: the card), {@code call} (the call's state changed: held, talking, ended...),
 * {@code state} (the operator's ACD state changed; the page resyncs), {@code reminder} (a ticket's deadline nears:
 * for its owner, or for the ticket's line when it has none). No phone numbers on the bus.
 */
public final class DeskEvents {
  public static final String ADDRESS = "desktop.event";

  private DeskEvents() {}

  static JsonObject to(String operatorId, String type, JsonObject data) {
    return new JsonObject().put("operatorId", operatorId).put("type", type).put("data", data);
  }

  static JsonObject toLine(int line, String type, JsonObject data) {
    return new JsonObject().put("line", line).put("type", type).put("data", data);
  }
}
