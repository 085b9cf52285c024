package org.gridcare.pbxsim.engine;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Bridges channels and dissolves bridges the way a basic Asterisk bridge does: a hang-up dissolves it (the others
 * leave and go on or hang up), a redirect only takes the redirected channel out.
 */
final class Bridging {
  private final Switchboard sb;

  Bridging(Switchboard sb) {
    this.sb = sb;
  }

  /** Puts both channels into a new bridge; each gets {@code onExit} when it leaves without hanging up. */
  SimBridge bridge(SimChannel a, Consumer<SimChannel> onExitA, SimChannel b, Consumer<SimChannel> onExitB) {
    leaveQuietly(a);
    leaveQuietly(b);
    SimBridge bridge = new SimBridge(UUID.nameUUIDFromBytes(("bridge-" + sb.nextSequence()).getBytes()).toString());
    sb.publish(bridge.event("BridgeCreate"));
    enter(bridge, a, onExitA);
    enter(bridge, b, onExitB);
    return bridge;
  }

  private void enter(SimBridge bridge, SimChannel ch, Consumer<SimChannel> onExit) {
    bridge.members().add(ch);
    ch.bridge = bridge;
    ch.bridgeExit = onExit;
    sb.publish(ch.snapshot(bridge.event("BridgeEnter"), ""));
    sb.notifyPhase(ch, ChannelObserver.Phase.BRIDGED);
  }

  /** Takes the channel out (redirect, new bridge) without running its exit handler; the others stay. */
  void leaveQuietly(SimChannel ch) {
    SimBridge bridge = ch.bridge;
    if (bridge == null) {
      return;
    }
    remove(bridge, ch);
    if (bridge.members().isEmpty()) {
      sb.publish(bridge.event("BridgeDestroy"));
    }
  }

  /** The channel hangs up: it leaves and the bridge dissolves, sending every other member to its exit handler. */
  void dissolveOnHangup(SimChannel ch) {
    SimBridge bridge = ch.bridge;
    if (bridge == null) {
      return;
    }
    remove(bridge, ch);
    List<Runnable> exits = new java.util.ArrayList<>();
    for (SimChannel other : List.copyOf(bridge.members())) {
      Consumer<SimChannel> exit = other.bridgeExit;
      remove(bridge, other);
      if (exit != null) {
        exits.add(() -> exit.accept(other));
      }
    }
    sb.publish(bridge.event("BridgeDestroy"));
    exits.forEach(Runnable::run);
  }

  private void remove(SimBridge bridge, SimChannel ch) {
    bridge.members().remove(ch);
    ch.bridge = null;
    ch.bridgeExit = null;
    sb.publish(ch.snapshot(bridge.event("BridgeLeave"), ""));
    sb.notifyPhase(ch, ChannelObserver.Phase.UNBRIDGED);
  }
}
