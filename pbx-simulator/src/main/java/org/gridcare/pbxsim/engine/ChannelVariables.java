package org.gridcare.pbxsim.engine;

import java.util.Map;
import org.gridcare.pbxsim.dialplan.Substitution;

/**
 * Channel variables, globals and the dialplan functions the simulator knows (CALLERID, CONNECTEDLINE, CHANNEL,
 * UNIQUEID, EXTEN, CONTEXT, PRIORITY, HANGUPCAUSE). Setting a channel variable publishes VarSet; setting
 * CALLERID(num/name) publishes NewCallerid.
 */
final class ChannelVariables {
  private final Switchboard sb;
  private final Map<String, String> globals;

  ChannelVariables(Switchboard sb, Map<String, String> globals) {
    this.sb = sb;
    this.globals = globals;
  }

  String expand(SimChannel ch, String text) {
    return Substitution.expand(text, name -> get(ch, name));
  }

  /** A variable or function value as Asterisk's Getvar / GET VARIABLE resolve it; null when unset. */
  String get(SimChannel ch, String name) {
    String upper = name.toUpperCase();
    if (ch != null) {
      switch (upper) {
        case "CHANNEL", "CHANNEL(NAME)":
          return ch.name();
        case "UNIQUEID", "CHANNEL(UNIQUEID)":
          return ch.uniqueId();
        case "CHANNEL(LINKEDID)":
          return ch.linkedId;
        case "EXTEN":
          return ch.exten;
        case "CONTEXT":
          return ch.context;
        case "PRIORITY":
          return Integer.toString(ch.priority);
        case "HANGUPCAUSE":
          return ch.hungUp() ? Integer.toString(ch.hangupCause) : "";
        case "CALLERID(NUM)":
          return ch.callerIdNum;
        case "CALLERID(NAME)":
          return ch.callerIdName;
        case "CALLERID(ALL)":
          return "\"" + nullToEmpty(ch.callerIdName) + "\" <" + nullToEmpty(ch.callerIdNum) + ">";
        case "CALLERID(DNID)":
          return ch.dnid;
        case "CONNECTEDLINE(NUM)":
          return ch.connectedNum;
        case "CONNECTEDLINE(NAME)":
          return ch.connectedName;
        case "CHANNEL(STATE)":
          return ch.state.description();
        default:
          String v = ch.variables().get(name);
          if (v != null) {
            return v;
          }
      }
    }
    return globals.get(name);
  }

  /** Sets a channel variable (VarSet event) or a global when {@code ch} is null. */
  void set(SimChannel ch, String name, String value) {
    String key = name.startsWith("__") ? name.substring(2) : name.startsWith("_") ? name.substring(1) : name;
    if (ch == null) {
      globals.put(key, value);
      return;
    }
    switch (key.toUpperCase()) {
      case "CALLERID(NUM)" -> {
        ch.callerIdNum = value;
        sb.publish(ch.event("NewCallerid", "call,all").add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
        return;
      }
      case "CALLERID(NAME)" -> {
        ch.callerIdName = value;
        sb.publish(ch.event("NewCallerid", "call,all").add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)"));
        return;
      }
      default -> ch.variables().put(key, value);
    }
    sb.publish(ch.event("VarSet", "dialplan,all").add("Variable", key).add("Value", value));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
