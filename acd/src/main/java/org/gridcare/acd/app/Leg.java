package org.gridcare.acd.app;

/**
 * What a PBX channel is to the ACD: the waiting caller of a call, or the operator's leg of it; or, keyed by the
 * PBX call, a callback whose customer has not answered yet.
 */
public record Leg(Role role, String callId, String operatorId) {
  public enum Role { CALLER, OPERATOR, CALLBACK }

  /** The key of a callback's marker in the legs map: {@code callback:<pbx call>}. */
  public static String callbackKey(String pbxCall) {
    return "callback:" + pbxCall;
  }

  public static Leg callback(String callId, String operatorId) {
    return new Leg(Role.CALLBACK, callId, operatorId);
  }

  public static Leg caller(String callId) {
    return new Leg(Role.CALLER, callId, null);
  }

  public static Leg operator(String callId, String operatorId) {
    return new Leg(Role.OPERATOR, callId, operatorId);
  }
}
