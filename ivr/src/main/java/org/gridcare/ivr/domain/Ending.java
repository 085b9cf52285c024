package org.gridcare.ivr.domain;

/** How an IVR session ended, for reports ("requests closed in IVR", drop-off). */
public enum Ending {
  /** The caller got what they came for without an operator (reading stored, outage heard, status told...). */
  SELF_SERVED("self-served"),
  /** Handed to the ACD queue of a line. */
  TRANSFERRED("transferred"),
  /** Left a message that became a call-back ticket. */
  VOICEMAIL("voicemail"),
  /** The caller hung up before being served. */
  ABANDONED("abandoned"),
  /** The menu said goodbye without a service being completed. */
  ENDED("ended"),
  /** Something broke (PBX, a port, a menu loop); the caller was not served. */
  FAILED("failed");

  private final String key;

  Ending(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
