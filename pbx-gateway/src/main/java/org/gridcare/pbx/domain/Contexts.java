package org.gridcare.pbx.domain;

/** The dialplan contexts of config/asterisk/extensions.conf that the server sends channels into. */
public final class Contexts {
  public static final String INBOUND = "cc-inbound";
  public static final String WAIT = "cc-wait";
  public static final String OPERATOR = "cc-operator";
  public static final String HOLD = "cc-hold";
  public static final String SPY = "cc-spy";
  public static final String DIAL_OUT = "cc-dial-out";
  public static final String NOTIFY = "cc-notify";
  public static final String VOICEMAIL = "cc-voicemail";

  private Contexts() {}
}
