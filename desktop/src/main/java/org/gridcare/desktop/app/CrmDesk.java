package org.gridcare.desktop.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** What the desktop needs from the CRM (wired by the server). */
public interface CrmDesk {

  /**
   * The CRM's customer card for a caller (its screen-pop view: masked identity, address and grid area, metering
   * points, open tickets, last interactions, active outage); links the call to the customer when recognised.
   */
  Future<JsonObject> card(String callId, String rawCaller);

  Future<Void> addNote(long ticketId, String author, String body);

  Future<Void> linkCall(long ticketId, String callId, String actor);
}
