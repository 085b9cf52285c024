package org.gridcare.notifications.domain;

import java.util.Locale;
import java.util.Set;

/**
 * What an inbound SMS asks for. Twilio's standard opt-out and opt-in keywords (the whole message, any case), plus
 * the Russian and Norwegian words our customers use.
 */
public enum InboundCommand {
  OPT_OUT, OPT_IN, OTHER;

  private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
      "REVOKE", "OPTOUT", "СТОП", "STOPP");
  private static final Set<String> START = Set.of("START", "UNSTOP", "YES", "OPTIN", "СТАРТ");

  public static InboundCommand parse(String body) {
    if (body == null) {
      return OTHER;
    }
    String word = body.strip().toUpperCase(Locale.ROOT);
    return STOP.contains(word) ? OPT_OUT : START.contains(word) ? OPT_IN : OTHER;
  }
}
