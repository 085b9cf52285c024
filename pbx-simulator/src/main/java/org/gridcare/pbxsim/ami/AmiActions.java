package org.gridcare.pbxsim.ami;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridcare.pbxsim.engine.HangupCause;
import org.gridcare.pbxsim.engine.HangupOrigin;
import org.gridcare.pbxsim.engine.Location;
import org.gridcare.pbxsim.engine.OriginateOutcome;
import org.gridcare.pbxsim.engine.OriginateSpec;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;

/**
 * The AMI actions the contact centre uses, answered with Asterisk 22's response texts (see
 * shared/asterisk-captures). Responses go to the asking session; the PBX events they cause go to every session.
 */
final class AmiActions {
  private static final Pattern CALLER_ID = Pattern.compile("\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*");
  private static final String VERSION = "22.10.1";

  private final Switchboard sb;

  AmiActions(Switchboard sb) {
    this.sb = sb;
  }

  Future<Void> handle(AmiSession s, String action, AmiFrame m) {
    switch (action.toLowerCase(Locale.ROOT)) {
      case "ping" -> s.send(AmiFrame.response("Success", m).add("Ping", "Pong").add("Timestamp", timestamp()));
      case "coresettings" -> coreSettings(s, m);
      case "corestatus" -> coreStatus(s, m);
      case "command" -> command(s, m);
      case "coreshowchannels" -> coreShowChannels(s, m);
      case "status" -> status(s, m);
      case "originate" -> {
        return originate(s, m);
      }
      case "redirect" -> redirect(s, m);
      case "hangup" -> hangup(s, m);
      case "bridge" -> bridge(s, m);
      case "mixmonitor" -> mixMonitor(s, m);
      case "stopmixmonitor" -> {
        return stopMixMonitor(s, m);
      }
      case "mixmonitormute" -> mixMonitorMute(s, m);
      case "setvar" -> setvar(s, m);
      case "getvar" -> getvar(s, m);
      default -> {
        s.send(AmiFrame.response("Error", m).add("Message",
            "Invalid/unknown command: " + action + ". Use Action: ListCommands to show available commands."));
        s.requestBadFormat(action);
      }
    }
    return Future.succeededFuture();
  }

  // ---- system ---------------------------------------------------------------------------------------------------

  private void coreSettings(AmiSession s, AmiFrame m) {
    s.send(AmiFrame.response("Success", m).add("AMIversion", "11.0.0").add("AsteriskVersion", VERSION)
        .add("SystemName", "").add("CoreMaxCalls", "0").add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "")
        .add("CoreRunGroup", "").add("CoreMaxFilehandles", "0").add("CoreRealTimeEnabled", "No")
        .add("CoreCDRenabled", "Yes").add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
  }

  private void coreStatus(AmiSession s, AmiFrame m) {
    java.time.LocalDateTime started = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
        .minusSeconds(sb.uptimeSeconds());
    String date = started.toLocalDate().toString();
    String time = started.toLocalTime().withNano(0).toString();
    s.send(AmiFrame.response("Success", m).add("CoreStartupDate", date).add("CoreStartupTime", time)
        .add("CoreReloadDate", date).add("CoreReloadTime", time)
        .add("CoreCurrentCalls", sb.channels().size()).add("CoreProcessedCalls", "0"));
  }

  private void command(AmiSession s, AmiFrame m) {
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
          c.applicationData(), nz(c.callerIdNum()), "", "", "3", Long.toString(seconds(c)), c.bridgeId(),
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

  private void coreShowChannels(AmiSession s, AmiFrame m) {
    s.send(AmiFrame.response("Success", m).add("EventList", "start").add("Message", "Channels will follow"));
    String id = m.get("ActionID");
    Collection<SimChannel> channels = sb.channels();
    for (SimChannel c : channels) {
      AmiFrame e = new AmiFrame().add("Event", "CoreShowChannel");
      if (id != null) {
        e.add("ActionID", id);
      }
      c.snapshot(e, "").add("Application", c.application()).add("ApplicationData", c.applicationData())
          .add("Duration", duration(seconds(c))).add("BridgeId", c.bridgeId());
      s.send(e);
    }
    AmiFrame done = new AmiFrame().add("Event", "CoreShowChannelsComplete");
    if (id != null) {
      done.add("ActionID", id);
    }
    s.send(done.add("EventList", "Complete").add("ListItems", channels.size()));
  }

  private void status(AmiSession s, AmiFrame m) {
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
      AmiFrame e = c.event("Status", "Call").add("Type", "PJSIP").add("DNID", nz(c.dnid()))
          .add("EffectiveConnectedLineNum", "<unknown>").add("EffectiveConnectedLineName", "<unknown>")
          .add("TimeToHangup", "0").add("BridgeID", c.bridgeId()).add("Application", c.application())
          .add("Data", c.applicationData()).add("Nativeformats", "(alaw)").add("Readformat", "alaw")
          .add("Readtrans", "").add("Writeformat", "alaw").add("Writetrans", "").add("Callgroup", "0")
          .add("Pickupgroup", "0").add("Seconds", seconds(c));
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

  // ---- call control ---------------------------------------------------------------------------------------------

  private Future<Void> originate(AmiSession s, AmiFrame m) {
    String channel = m.value("Channel").strip();
    if (channel.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "Channel not specified"));
      return Future.succeededFuture();
    }
    int priority;
    try {
      priority = m.value("Priority").isBlank() ? 1 : Integer.parseInt(m.value("Priority").strip());
    } catch (NumberFormatException e) {
      s.send(AmiFrame.response("Error", m).add("Message", "Invalid priority"));
      return Future.succeededFuture();
    }
    long timeout = parseLong(m.value("Timeout"), 30_000);
    String[] callerId = callerId(m.get("CallerID"));
    OriginateSpec spec = new OriginateSpec(channel, m.value("Context"), m.value("Exten"), priority,
        m.get("Application"), m.get("Data"), callerId[1], callerId[0], timeout, variables(m), m.get("ChannelId"));
    boolean async = isTrue(m.value("Async"));
    if (async) {
      s.send(AmiFrame.response("Success", m).add("Message", "Originate successfully queued"));
      sb.outbound().originate(spec).onSuccess(o -> sb.publish(originateResponse(m, spec, o)));
      return Future.succeededFuture();
    }
    return sb.outbound().originate(spec).map(o -> {
      s.send(o.success()
          ? AmiFrame.response("Success", m).add("Message", "Originate successfully queued")
          : AmiFrame.response("Error", m).add("Message", "Originate failed"));
      return null;
    });
  }

  private static AmiFrame originateResponse(AmiFrame m, OriginateSpec spec, OriginateOutcome o) {
    AmiFrame e = AmiFrame.event("OriginateResponse", "call,all");
    if (m.get("ActionID") != null) {
      e.add("ActionID", m.get("ActionID"));
    }
    return e.add("Response", o.success() ? "Success" : "Failure").add("Channel", o.channel())
        .add("Context", spec.context()).add("Exten", spec.exten()).add("Reason", o.reason())
        .add("Uniqueid", o.uniqueId() == null ? "<unknown>" : o.uniqueId())
        .add("CallerIDNum", orUnknown(o.callerIdNum())).add("CallerIDName", orUnknown(o.callerIdName()));
  }

  private void redirect(AmiSession s, AmiFrame m) {
    String name = m.value("Channel").strip();
    if (name.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "Channel not specified"));
      return;
    }
    Optional<SimChannel> ch = sb.channel(name);
    if (ch.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "Channel does not exist: " + name));
      return;
    }
    String extraName = m.value("ExtraChannel").strip();
    Optional<SimChannel> extra = extraName.isEmpty() ? Optional.empty() : sb.channel(extraName);
    if (!extraName.isEmpty() && extra.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "ExtraChannel does not exist: " + extraName));
      return;
    }
    Optional<Location> target = location(m.value("Context"), m.value("Exten"), m.value("Priority"));
    Optional<Location> extraTarget = extra.isEmpty() ? Optional.empty() : location(
        m.value("ExtraContext").isBlank() ? m.value("Context") : m.value("ExtraContext"),
        m.value("ExtraExten").isBlank() ? m.value("Exten") : m.value("ExtraExten"),
        m.value("ExtraPriority").isBlank() ? m.value("Priority") : m.value("ExtraPriority"));
    if (target.isEmpty() || (extra.isPresent() && extraTarget.isEmpty())) {
      s.send(AmiFrame.response("Error", m).add("Message", "Invalid priority"));
      return;
    }
    s.send(AmiFrame.response("Success", m).add("Message", extra.isPresent() ? "Dual Redirect successful"
        : "Redirect successful"));
    sb.redirect(ch.get(), target.get());
    extra.ifPresent(x -> sb.redirect(x, extraTarget.get()));
  }

  private void hangup(AmiSession s, AmiFrame m) {
    String name = m.value("Channel").strip();
    if (name.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No channel specified"));
      return;
    }
    Optional<SimChannel> ch = sb.channel(name);
    if (ch.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No such channel"));
      return;
    }
    int cause = (int) parseLong(m.value("Cause"), HangupCause.NORMAL_CLEARING);
    s.send(AmiFrame.response("Success", m).add("Message", "Channel Hungup"));
    sb.hangup(ch.get(), cause, HangupOrigin.AMI);
  }

  private void bridge(AmiSession s, AmiFrame m) {
    String a = m.value("Channel1").strip();
    String b = m.value("Channel2").strip();
    if (a.isEmpty() || b.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "Missing channel parameter in request"));
      return;
    }
    Optional<SimChannel> first = byPrefix(a);
    if (first.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "Channel1 does not exist: " + a));
      return;
    }
    Optional<SimChannel> second = byPrefix(b);
    if (second.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "Channel2 does not exist: " + b));
      return;
    }
    s.send(AmiFrame.response("Success", m).add("Message", "Channels have been bridged"));
    sb.bridge(first.get(), second.get());
  }

  // ---- recording ------------------------------------------------------------------------------------------------

  private void mixMonitor(AmiSession s, AmiFrame m) {
    Optional<SimChannel> ch = requireChannel(s, m);
    if (ch.isEmpty()) {
      return;
    }
    String file = m.value("File").strip();
    if (file.isEmpty() || ch.get().hungUp()) {
      s.send(AmiFrame.response("Error", m).add("Message", "Could not start monitoring channel"));
      return;
    }
    // Asterisk answers before the MIXMONITOR_FILENAME VarSet and MixMonitorStart (ami-actions.txt)
    s.send(AmiFrame.response("Success", m));
    sb.recordings().start(ch.get(), file, m.value("Options"));
  }

  private Future<Void> stopMixMonitor(AmiSession s, AmiFrame m) {
    Optional<SimChannel> ch = requireChannel(s, m);
    if (ch.isEmpty()) {
      return Future.succeededFuture();
    }
    return sb.recordings().stop(ch.get()).map(stopped -> {
      s.send(stopped ? AmiFrame.response("Success", m)
          : AmiFrame.response("Error", m).add("Message", "Could not stop monitoring channel"));
      return null;
    });
  }

  private void mixMonitorMute(AmiSession s, AmiFrame m) {
    String direction = m.value("Direction").strip().toLowerCase(Locale.ROOT);
    if (direction.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No direction specified. Must be read, write or both"));
      return;
    }
    if (!List.of("read", "write", "both").contains(direction)) {
      s.send(AmiFrame.response("Error", m).add("Message", "Invalid direction specified. Must be read, write or both"));
      return;
    }
    if (m.value("Channel").isBlank()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No channel specified"));
      return;
    }
    if (m.value("State").isBlank()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No state specified"));
      return;
    }
    Optional<SimChannel> ch = sb.channel(m.value("Channel").strip());
    if (ch.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No such channel"));
      return;
    }
    if (!sb.recordings().mute(ch.get(), isTrue(m.value("State")))) {
      s.send(AmiFrame.response("Error", m).add("Message", "Cannot set mute flag"));
      return;
    }
    s.send(AmiFrame.response("Success", m));
  }

  // ---- variables ------------------------------------------------------------------------------------------------

  private void setvar(AmiSession s, AmiFrame m) {
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

  private void getvar(AmiSession s, AmiFrame m) {
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
    s.send(AmiFrame.response("Success", m).add("Variable", variable).add("Value", nz(value)));
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private Optional<SimChannel> requireChannel(AmiSession s, AmiFrame m) {
    String name = m.value("Channel").strip();
    if (name.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No channel specified"));
      return Optional.empty();
    }
    Optional<SimChannel> ch = sb.channel(name);
    if (ch.isEmpty()) {
      s.send(AmiFrame.response("Error", m).add("Message", "No such channel"));
    }
    return ch;
  }

  private Optional<SimChannel> byPrefix(String name) {
    return sb.channel(name).or(() -> sb.channels().stream().filter(c -> c.name().startsWith(name)).findFirst());
  }

  private Optional<Location> location(String context, String exten, String priority) {
    String p = priority.strip();
    if (p.isEmpty()) {
      return Optional.of(new Location(context.strip(), exten.strip(), 1));
    }
    try {
      return Optional.of(new Location(context.strip(), exten.strip(), Integer.parseInt(p)));
    } catch (NumberFormatException e) {
      OptionalInt label = sb.dialplan().labelPriority(context.strip(), exten.strip(), p);
      return label.isPresent()
          ? Optional.of(new Location(context.strip(), exten.strip(), label.getAsInt()))
          : Optional.empty();
    }
  }

  /** Variable headers, each {@code NAME=value} and possibly several separated by commas (as Asterisk splits them). */
  private static Map<String, String> variables(AmiFrame m) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String header : m.getAll("Variable")) {
      for (String pair : header.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          vars.put(pair.substring(0, eq).strip(), pair.substring(eq + 1));
        }
      }
    }
    return vars;
  }

  /** {@code "Name" <number>}, {@code Name <number>} or a bare number; returns {name, number}. */
  static String[] callerId(String text) {
    if (text == null || text.isBlank()) {
      return new String[] {null, null};
    }
    Matcher matcher = CALLER_ID.matcher(text);
    if (matcher.matches()) {
      String name = matcher.group(1).strip();
      return new String[] {name.isEmpty() ? null : name, matcher.group(2).strip()};
    }
    return new String[] {null, text.strip()};
  }

  private static boolean isTrue(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("on");
  }

  private static long parseLong(String text, long fallback) {
    try {
      return text.isBlank() ? fallback : Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static long seconds(SimChannel c) {
    return (System.currentTimeMillis() - c.createdAtMillis()) / 1000;
  }

  private static String duration(long seconds) {
    return String.format("%02d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  private static String timestamp() {
    long micros = java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, java.time.Instant.now());
    return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String orUnknown(String s) {
    return s == null || s.isEmpty() ? "<unknown>" : s;
  }
}
