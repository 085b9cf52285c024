package org.gridcare.pbxsim.engine;

/** Who ended a channel; decides the request events Asterisk emits before {@code Hangup}. */
public enum HangupOrigin {
  /** The far end sent BYE: {@code HangupRequest}. */
  PARTY,
  /** AMI Hangup action: {@code SoftHangupRequest}. */
  AMI,
  /** Dialplan Hangup(), fall-through, a dissolved bridge, a failed ring: no request event. */
  PBX
}
