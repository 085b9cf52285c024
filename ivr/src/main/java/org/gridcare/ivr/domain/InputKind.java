package org.gridcare.ivr.domain;

/** What the caller did at a step, as journaled: never the digits they typed for an identifier. */
public enum InputKind {
  /** The node took no input (play, action, branch, transfer). */
  NONE("none"),
  /** A menu or language key. */
  KEY("key"),
  /** Digits that passed the node's validator (the digits themselves are not recorded). */
  DIGITS("digits"),
  NO_INPUT("no-input"),
  INVALID("invalid"),
  /** {@code *}: play the prompt again. */
  REPEAT("repeat"),
  /** A voicemail was recorded. */
  RECORDING("recording");

  private final String key;

  InputKind(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
