package org.gridcare.acd.domain;

/** What the operator chose (mod_callcenter's "status"): the system never changes it except on ring-no-answer. */
public enum Presence {
  LOGGED_OUT,
  READY,
  NOT_READY
}
