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

  /**
   * Adds a note to a ticket the actor may act on (an admin, or the ticket is on one of their lines or theirs), else
   * fails {@code not-your-line} like the CRM's own API.
   */
  Future<Void> addNote(long ticketId, Actor actor, String body);

  Future<Void> linkCall(long ticketId, String callId, String actor);

  /** The CRM's ticket topics (ids), to check the configured surveys against at start. */
  java.util.Set<String> ticketTopics();

  /**
   * Opens a ticket for a call, created by the actor, linked to the call and (when known) the customer; {@code line}
   * null means the topic's own line. Answers {@code {id, number}}.
   */
  Future<JsonObject> openTicket(Actor actor, String topic, String subject, Long customerId, String callId, Integer line);

  /** The signed-in user as the CRM's ticket rules see them. */
  record Actor(String username, boolean admin, java.util.List<Integer> lines) {
    public Actor {
      lines = java.util.List.copyOf(lines);
    }
  }
}
