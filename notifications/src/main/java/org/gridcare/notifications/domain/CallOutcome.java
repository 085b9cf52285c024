package org.gridcare.notifications.domain;

/** How an automated notification call ended. */
public enum CallOutcome {
  /** A person answered and heard the message. */
  ANSWERED,
  /** An answering machine took it; the message was left on it. */
  MACHINE,
  /**
   * Someone picked up but the channel was gone before the message was played to them (e.g. a hang-up while answering
   * machine detection listened): not counted as informed.
   */
  HUNG_UP_BEFORE_MESSAGE,
  BUSY,
  NO_ANSWER,
  FAILED
}
