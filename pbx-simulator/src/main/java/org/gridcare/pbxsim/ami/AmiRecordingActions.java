package org.gridcare.pbxsim.ami;

import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridcare.pbxsim.engine.SimChannel;
import org.gridcare.pbxsim.engine.Switchboard;

/** MixMonitor, StopMixMonitor and MixMonitorMute with app_mixmonitor's responses. */
final class AmiRecordingActions {
  private final Switchboard sb;

  AmiRecordingActions(Switchboard sb) {
    this.sb = sb;
  }

  void mixMonitor(AmiSession s, AmiFrame m) {
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

  Future<Void> stopMixMonitor(AmiSession s, AmiFrame m) {
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

  void mixMonitorMute(AmiSession s, AmiFrame m) {
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
    if (!sb.recordings().mute(ch.get(), AmiValues.isTrue(m.value("State")))) {
      s.send(AmiFrame.response("Error", m).add("Message", "Cannot set mute flag"));
      return;
    }
    s.send(AmiFrame.response("Success", m));
  }

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
}
