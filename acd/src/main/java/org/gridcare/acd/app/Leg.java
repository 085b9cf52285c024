package org.gridcare.acd.app;

/** What a PBX channel is to the ACD: the waiting caller of a call, or the operator's leg of it. */
public record Leg(Role role, String callId, String operatorId) {
  public enum Role { CALLER, OPERATOR }

  public static Leg caller(String callId) {
    return new Leg(Role.CALLER, callId, null);
  }

  public static Leg operator(String callId, String operatorId) {
    return new Leg(Role.OPERATOR, callId, operatorId);
  }
}
