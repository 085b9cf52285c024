package org.gridcare.pbxsim.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gridcare.pbxsim.ami.AmiFrame;

/**
 * {@code ConfBridge(room)} as app_confbridge with the default profiles runs it: the channel is answered and joins the
 * named room (a softmix bridge, created by the first to join, destroyed when the last leaves), where everyone hears
 * everyone. The application returns when the channel is taken out (AMI Redirect); a hang-up only takes that member
 * out, the others stay. AMI events as Asterisk 18+ sends them: BridgeCreate, ConfbridgeStart, BridgeEnter,
 * ConfbridgeJoin; BridgeLeave, ConfbridgeLeave; ConfbridgeEnd, BridgeDestroy.
 */
final class Conferences {
  private final Switchboard sb;
  private final Map<String, SimBridge> rooms = new HashMap<>();
  /** The room each member is in. */
  private final Map<SimChannel, String> members = new HashMap<>();

  Conferences(Switchboard sb) {
    this.sb = sb;
  }

  Future<AppResult> join(SimChannel ch, String room) {
    if (ch.hungUp()) {
      return Future.succeededFuture(AppResult.NEXT);
    }
    if (room.isBlank()) {
      return Future.succeededFuture(AppResult.hangup(HangupCause.UNKNOWN));
    }
    sb.answer(ch);
    sb.media().backgroundMusic(ch, false, null); // a channel entering a bridge stops its music on hold
    SimBridge bridge = rooms.computeIfAbsent(room, r -> {
      SimBridge b = new SimBridge(UUID.nameUUIDFromBytes(("conference-" + sb.nextSequence()).getBytes()).toString(), r);
      sb.publish(b.event("BridgeCreate"));
      sb.publish(b.event("ConfbridgeStart").add("Conference", r));
      return b;
    });
    bridge.members().add(ch);
    members.put(ch, room);
    sb.publish(ch.snapshot(bridge.event("BridgeEnter"), ""));
    sb.publish(member(ch.snapshot(bridge.event("ConfbridgeJoin"), ""), room).add("Muted", "No"));
    sb.notifyPhase(ch, ChannelObserver.Phase.BRIDGED);
    Promise<AppResult> left = Promise.promise();
    Activity[] self = new Activity[1];
    Activity[] previous = new Activity[1];
    self[0] = () -> {
      if (!left.future().isComplete()) {
        sb.pop(ch, self[0], previous[0]);
        leave(ch);
        left.tryComplete(AppResult.NEXT);
      }
    };
    previous[0] = sb.push(ch, self[0]);
    return left.future();
  }

  /**
   * Takes the channel out of its room, if it is in one (redirect, AMI Bridge, hang-up), even when something else became
   * its activity meanwhile; the application returns when its activity is cancelled, or its run is superseded.
   */
  void leave(SimChannel ch) {
    String room = members.remove(ch);
    SimBridge bridge = room == null ? null : rooms.get(room);
    if (bridge == null) {
      return;
    }
    bridge.members().remove(ch);
    sb.publish(ch.snapshot(bridge.event("BridgeLeave"), ""));
    sb.publish(member(ch.snapshot(bridge.event("ConfbridgeLeave"), ""), room));
    if (!ch.hungUp()) {
      sb.notifyPhase(ch, ChannelObserver.Phase.UNBRIDGED);
    }
    if (bridge.members().isEmpty()) {
      rooms.remove(room, bridge);
      sb.publish(bridge.event("ConfbridgeEnd").add("Conference", room));
      sb.publish(bridge.event("BridgeDestroy"));
    }
  }

  /** The channels in {@code room} now, in the order they joined. */
  List<String> members(String room) {
    SimBridge bridge = rooms.get(room);
    return bridge == null ? List.of() : bridge.members().stream().map(SimChannel::name).toList();
  }

  private static AmiFrame member(AmiFrame frame, String room) {
    return frame.add("Conference", room).add("Admin", "No");
  }
}
