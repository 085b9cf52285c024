package org.gridcare.pbxsim.ami;

import io.vertx.core.Future;
import java.util.LinkedHashMap;
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
 * Dispatches AMI actions and runs the call-control ones (Originate, Redirect, Hangup, Bridge); the others live in
 * {@link AmiQueries} and {@link AmiRecordingActions}. Responses use Asterisk 22's texts (shared/asterisk-captures)
 * and go to the asking session; the PBX events they cause go to every session.
 */
final class AmiActions {
  private static final Pattern CALLER_ID = Pattern.compile("\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*");

  private final Switchboard sb;
  private final AmiQueries queries;
  private final AmiRecordingActions recording;

  AmiActions(Switchboard sb) {
    this.sb = sb;
    this.queries = new AmiQueries(sb);
    this.recording = new AmiRecordingActions(sb);
  }

  Future<Void> handle(AmiSession s, String action, AmiFrame m) {
    switch (action.toLowerCase(Locale.ROOT)) {
      case "ping" -> queries.ping(s, m);
      case "coresettings" -> queries.coreSettings(s, m);
      case "corestatus" -> queries.coreStatus(s, m);
      case "command" -> queries.command(s, m);
      case "coreshowchannels" -> queries.coreShowChannels(s, m);
      case "status" -> queries.status(s, m);
      case "originate" -> {
        return originate(s, m);
      }
      case "redirect" -> redirect(s, m);
      case "hangup" -> hangup(s, m);
      case "bridge" -> bridge(s, m);
      case "mixmonitor" -> recording.mixMonitor(s, m);
      case "stopmixmonitor" -> {
        return recording.stopMixMonitor(s, m);
      }
      case "mixmonitormute" -> recording.mixMonitorMute(s, m);
      case "setvar" -> queries.setvar(s, m);
      case "getvar" -> queries.getvar(s, m);
      default -> {
        s.send(AmiFrame.response("Error", m).add("Message",
            "Invalid/unknown command: " + action + ". Use Action: ListCommands to show available commands."));
        s.requestBadFormat(action);
      }
    }
    return Future.succeededFuture();
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
    long timeout = AmiValues.parseLong(m.value("Timeout"), 30_000);
    String[] callerId = callerId(m.get("CallerID"));
    OriginateSpec spec = new OriginateSpec(channel, m.value("Context"), m.value("Exten"), priority,
        m.get("Application"), m.get("Data"), callerId[1], callerId[0], timeout, variables(m), m.get("ChannelId"));
    boolean async = AmiValues.isTrue(m.value("Async"));
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
        .add("CallerIDNum", AmiValues.orUnknown(o.callerIdNum())).add("CallerIDName", AmiValues.orUnknown(o.callerIdName()));
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
    int cause = (int) AmiValues.parseLong(m.value("Cause"), HangupCause.NORMAL_CLEARING);
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

  // ---- helpers --------------------------------------------------------------------------------------------------


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







}
