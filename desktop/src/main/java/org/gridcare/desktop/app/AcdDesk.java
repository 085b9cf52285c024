package org.gridcare.desktop.app;

import io.vertx.core.Future;

/** What the desktop needs from the ACD (wired by the server). */
public interface AcdDesk {

  /** The operator's live state; fails {@code no-such-operator} for an unknown id. */
  Future<DeskOperator> operator(String operatorId);

  /**
   * Re-queues the call the operator is talking on in {@code topic}'s queue (its line) with {@code ticketId}; the
   * operator goes to wrap-up and the caller back to waiting music. Completes with the new line.
   */
  Future<Integer> transfer(String callId, String topic, String ticketId, String by);

  /**
   * Takes the operator's call out of the ACD so the desktop can hand the caller elsewhere: nobody is hung up, the
   * operator goes to wrap-up, and neither leg ending later concerns the ACD.
   */
  Future<Void> release(String callId, String by);
}
