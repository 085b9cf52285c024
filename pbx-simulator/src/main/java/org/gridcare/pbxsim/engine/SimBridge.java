package org.gridcare.pbxsim.engine;

import java.util.ArrayList;
import java.util.List;
import org.gridcare.pbxsim.ami.AmiFrame;

/** A basic two-party (or more) bridge as Asterisk 12+ reports it in BridgeCreate/Enter/Leave/Destroy. */
final class SimBridge {
  private final String id;
  private final List<SimChannel> members = new ArrayList<>();

  SimBridge(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  List<SimChannel> members() {
    return members;
  }

  AmiFrame event(String name) {
    return AmiFrame.event(name, "call,all")
        .add("BridgeUniqueid", id)
        .add("BridgeType", "basic")
        .add("BridgeTechnology", "simple_bridge")
        .add("BridgeCreator", "<unknown>")
        .add("BridgeName", "<unknown>")
        .add("BridgeNumChannels", members.size())
        .add("BridgeVideoSourceMode", "none");
  }
}
