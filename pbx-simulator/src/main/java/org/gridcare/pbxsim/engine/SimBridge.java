package org.gridcare.pbxsim.engine;

import java.util.ArrayList;
import java.util.List;
import org.gridcare.pbxsim.ami.AmiFrame;

/** A basic two-party (or more) bridge, or a ConfBridge room (softmix), as Asterisk 12+ reports it in BridgeCreate/Enter/Leave/Destroy. */
final class SimBridge {
  private final String id;
  /** A ConfBridge room's name, or null for a basic bridge. */
  private final String conference;
  private final List<SimChannel> members = new ArrayList<>();

  SimBridge(String id) {
    this(id, null);
  }

  SimBridge(String id, String conference) {
    this.id = id;
    this.conference = conference;
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
        .add("BridgeType", conference == null ? "basic" : "base")
        .add("BridgeTechnology", conference == null ? "simple_bridge" : "softmix")
        .add("BridgeCreator", conference == null ? "<unknown>" : "ConfBridge")
        .add("BridgeName", conference == null ? "<unknown>" : conference)
        .add("BridgeNumChannels", members.size())
        .add("BridgeVideoSourceMode", "none");
  }
}
