package org.gridcare.acd.domain;

/** What the system is doing with the operator (mod_callcenter's "state"), independent of the chosen presence. */
public enum Activity {
  IDLE,
  RESERVED,
  ON_CALL,
  WRAP_UP
}
