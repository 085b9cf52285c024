package org.gridcare.pbxsim;

/** A simulated party's call as the party sees it. BRIDGED returns to UP when the bridge breaks up. */
public enum CallState {
  RINGING,
  UP,
  BRIDGED,
  HUNG_UP
}
