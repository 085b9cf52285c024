package org.gridcare.acd.domain;

import java.util.Locale;

/** The state reports and wallboards show: presence and activity folded into one value. */
public enum OperatorState {
  LOGGED_OUT,
  READY,
  RESERVED,
  ON_CALL,
  WRAP_UP,
  NOT_READY;

  /** {@code on-call}, {@code not-ready}...: the id used in the API and the journal. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static OperatorState of(Presence presence, Activity activity) {
    if (presence == Presence.LOGGED_OUT) {
      return LOGGED_OUT;
    }
    return switch (activity) {
      case RESERVED -> RESERVED;
      case ON_CALL -> ON_CALL;
      case WRAP_UP -> WRAP_UP;
      case IDLE -> presence == Presence.READY ? READY : NOT_READY;
    };
  }
}
