package org.gridcare.pbx.domain;

/** Q.850 cause of a hang-up, as Asterisk reports it ({@code Cause} / {@code Cause-txt}). */
public record HangupCause(int code, String text) {
  public static final HangupCause NORMAL_CLEARING = new HangupCause(16, "Normal Clearing");
  public static final HangupCause USER_BUSY = new HangupCause(17, "User busy");
  public static final HangupCause NO_ANSWER = new HangupCause(19, "User alerting, no answer");
  public static final HangupCause CALL_REJECTED = new HangupCause(21, "Call Rejected");
  public static final HangupCause UNKNOWN = new HangupCause(0, "Unknown");

  public boolean normal() {
    return code == 16 || code == 0;
  }
}
