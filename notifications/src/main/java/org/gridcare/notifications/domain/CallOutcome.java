package org.gridcare.notifications.domain;

/** How an automated notification call ended. */
public enum CallOutcome {
  /** A person answered and heard the message. */
  ANSWERED,
  /** An answering machine took it; the message was left on it. */
  MACHINE,
  BUSY,
  NO_ANSWER,
  FAILED
}
