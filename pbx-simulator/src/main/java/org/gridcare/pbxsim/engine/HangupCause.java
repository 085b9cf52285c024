package org.gridcare.pbxsim.engine;

/** Q.850 causes the simulator produces, with Asterisk's {@code Cause-txt}. */
public final class HangupCause {
  public static final int UNKNOWN = 0;
  public static final int UNALLOCATED = 1;
  public static final int NORMAL_CLEARING = 16;
  public static final int USER_BUSY = 17;
  public static final int NO_ANSWER = 19;
  public static final int CALL_REJECTED = 21;

  private HangupCause() {}

  public static String text(int cause) {
    return switch (cause) {
      case 0 -> "Unknown";
      case 1 -> "Unallocated (unassigned) number";
      case 16 -> "Normal Clearing";
      case 17 -> "User busy";
      case 18 -> "No user responding";
      case 19 -> "User alerting, no answer";
      case 21 -> "Call Rejected";
      case 27 -> "Destination out of order";
      case 34 -> "Circuit/channel congestion";
      default -> "Unknown";
    };
  }
}
