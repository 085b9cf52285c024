package org.gridcare.pbxsim.engine;

/** How a dialplan application returned: go on with the next priority, jump, or hang the channel up. */
public record AppResult(Kind kind, Location jump, int cause) {
  public enum Kind { NEXT, JUMP, HANGUP }

  public static final AppResult NEXT = new AppResult(Kind.NEXT, null, 0);

  public static AppResult jump(Location location) {
    return new AppResult(Kind.JUMP, location, 0);
  }

  public static AppResult hangup(int cause) {
    return new AppResult(Kind.HANGUP, null, cause);
  }
}
