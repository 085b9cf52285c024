package org.gridcare.pbxsim.ami;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;

/**
 * The read-mostly actions: Ping, CoreSettings, CoreStatus, Command, the CoreShowChannels / Status lists and
 * Getvar / Setvar, answered with Asterisk 22's fields and texts (ami-login.txt, ami-actions.txt).
 */
final class AmiQueries {
  private static final String VERSION = "22.10.1";

  private final Switchboard sb;

  AmiQueries(Switchboard sb) {
    this.sb = sb;
  }

  void ping(AmiSession s, AmiFrame m) {
    s.send(AmiFrame.response("Success", m).add("Ping", "Pong").add("Timestamp", AmiValues.timestamp()));
  }

  void coreSettings(AmiSession s, AmiFrame m) {
    s.send(AmiFrame.response("Success", m).add("AMIversion", "11.0.0").add("AsteriskVersion", VERSION)
        .add("SystemName", "").add("CoreMaxCalls", "0").add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "")
        .add("CoreRunGroup", "").add("CoreMaxFilehandles", "0").add("CoreRealTimeEnabled", "No")
        .add("CoreCDRenabled", "Yes").add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
  }

  void coreStatus(AmiSession s, AmiFrame m) {
    java.time.LocalDateTime started = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
        .minusSeconds(sb.uptimeSeconds());
    String date = started.toLocalDate().toString();
    String time = started.toLocalTime().withNano(0).toString();
    s.send(AmiFrame.response("Success", m).add("CoreStartupDate", date).add("CoreStartupTime", time)
        .add("CoreReloadDate", date).add("CoreReloadTime", time)
        .add("CoreCurrentCalls", sb.channels().size()).add("CoreProcessedCalls", "0"));
  }

  void command(AmiSession s, AmiFrame m) {
    String cmd = m.value("Command").strip();
    List<String> output = new ArrayList<>();
    switch (cmd.toLowerCase(Locale.ROOT)) {
      case "core show version" -> output.add("Asterisk " + VERSION + " built by gridcare @ pbx-simulator");
      case "core show uptime" -> {
        output.add("System uptime: " + sb.uptimeSeconds() + " seconds");
        output.add("Last reload: " + sb.uptimeSeconds() + " seconds");
      }
      case "core show channels concise" -> sb.channels().forEach(c -> output.add(String.join("!", c.name(),
          c.context(), c.exten(), Integer.toString(c.priority()), c.state().description(), c.application(),
          c.applicationData(), AmiValues.nz(c.callerIdNum()), "", "", "3", Long.toString(AmiValues.seconds(c)), c.bridgeId(),
          c.uniqueId())));
      default -> {
        String[] words = cmd.split("\\s+");
        String help = words.length >= 2 ? words[0] + " " + words[1] : cmd;
        AmiFrame error = AmiFrame.response("Error", m).add("Message", "Command output follows")
            .add("Output", "No such command '" + cmd + "' (type 'core show help " + help
                + "' for other possible commands)");
        s.send(error);
        return;
      }
    }
    AmiFrame r = AmiFrame.response("Success", m).add("Message", "Command output follows");
    output.forEach(line -> r.add("Output", line));
    s.send(r);
  }

  // ---- lists ----------------------------------------------------------------------------------------------------

  void coreShowChannels(AmiSession s, AmiFrame m) {
    s.send(AmiFrame.response("Success", m).add("EventList", "start").add("Message", "Channels will follow"));
    String id = m.get("ActionID");
    Collection<SimChannel> channels = sb.channels();
    for (SimChannel c : channels) {
      AmiFrame e = new AmiFrame().add("Event", "CoreShowChannel");
      if (id != null) {
        e.add("ActionID", id);
      }
      c.snapshot(e, "").add("Application", c.application()).add("ApplicationData", c.applicationData())
          .add("Duration", AmiValues.duration(AmiValues.seconds(c))).add("BridgeId", c.bridgeId());
      s.send(e);
    }
    AmiFrame done = new AmiFrame().add("Event", "CoreShowChannelsComplete");
    if (id != null) {
      done.add("ActionID", id);
    }
    s.send(done.add("EventList", "Complete").add("ListItems", channels.size()));
  }

  void status(AmiSession s, AmiFrame m) {
    String name = m.get("Channel");
    List<SimChannel> channels;
    if (name != null && !name.isBlank()) {
      Optional<SimChannel> ch = sb.channel(name.strip());
      if (ch.isEmpty()) {
        s.send(AmiFrame.response("Error", m).add("Message", "No such channel"));
        return;
      }
      channels = List.of(ch.get());
    } else {
      channels = List.copyOf(sb.channels());
    }
    s.send(AmiFrame.response("Success", m).add("EventList", "start").add("Message", "Channel status will follow"));
    String id = m.get("ActionID");
    for (SimChannel c : channels) {
      AmiFrame e = c.event("Status", "Call").add("Type", "PJSIP").add("DNID", AmiValues.nz(c.dnid()))
          .add("EffectiveConnectedLineNum", "<unknown>").add("EffectiveConnectedLineName", "<unknown>")
          .add("TimeToHangup", "0").add("BridgeID", c.bridgeId()).add("Application", c.application())
          .add("Data", c.applicationData()).add("Nativeformats", "(alaw)").add("Readformat", "alaw")
          .add("Readtrans", "").add("Writeformat", "alaw").add("Writetrans", "").add("Callgroup", "0")
          .add("Pickupgroup", "0").add("Seconds", AmiValues.seconds(c));
      if (id != null) {
        e.add("ActionID", id);
      }
      s.send(e);
    }
    AmiFrame done = new AmiFrame().add("Event", "StatusComplete");
    if (id != null) {
      done.add("ActionID", id);
    }
    s.send(done.add("EventList", "Complete").add("ListItems", channels.size()).add("Items", channels.size()));
  }

  void setvar(AmiSession s, AmiFrame m) {
    String variable = m.value("Variable").strip();
    if (variable.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No variable specified"));
      return;
    }
    SimChannel ch = null;
    if (!m.value("Channel").isBlank()) {
      Optional<SimChannel> found = sb.channel(m.value("Channel").strip());
      if (found.isEmpty()) {
        s.send(AmiFrame.response("Error", m).add("Message", "No such channel"));
        return;
      }
      ch = found.get();
    }
    s.send(AmiFrame.response("Success", m).add("Message", "Variable Set"));
    sb.setVariable(ch, variable, m.value("Value"));
  }

  void getvar(AmiSession s, AmiFrame m) {
    String variable = m.value("Variable").strip();
    if (variable.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No variable specified"));
      return;
    }
    SimChannel ch = null;
    if (!m.value("Channel").isBlank()) {
      Optional<SimChannel> found = sb.channel(m.value("Channel").strip());
      if (found.isEmpty()) {
        s.send(AmiFrame.response("Error", m).add("Message", "No such channel"));
        return;
      }
      ch = found.get();
    }
    String value = sb.getVariable(ch, variable);
    s.send(AmiFrame.response("Success", m).add("Variable", variable).add("Value", AmiValues.nz(value)));
  }

}
