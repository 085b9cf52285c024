package org.gridcare.notifications.domain;

/** SCHEDULED (planned, not started) → ACTIVE → RESTORED; a scheduled outage may be CANCELLED. */
public enum OutageState {
  SCHEDULED, ACTIVE, RESTORED, CANCELLED;

  public boolean closed() {
    return this == RESTORED || this == CANCELLED;
  }
}
