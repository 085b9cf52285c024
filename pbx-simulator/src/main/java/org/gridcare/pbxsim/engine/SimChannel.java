package org.gridcare.pbxsim.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridcare.pbxsim.ami.AmiFrame;

/**
 * One simulated channel ({@code PJSIP/op1001-0000000c}). Holds what Asterisk's channel snapshot reports plus the
 * simulator's bookkeeping: where the dialplan is, the running {@link Activity}, bridge, recording and observer.
 * Mutated only on the engine context.
 */
public final class SimChannel {
  private static final String UNKNOWN = "<unknown>";

  private final String name;
  private final String uniqueId;
  private final String endpoint;
  private final long createdAtMillis;
  private final Map<String, String> variables = new LinkedHashMap<>();
  private final Deque<Character> typeAhead = new ArrayDeque<>();
  /** Run once when the channel is destroyed (ChanSpy watching its target). */
  final java.util.List<Runnable> onGone = new java.util.ArrayList<>();

  String linkedId;
  ChannelState state = ChannelState.DOWN;
  String callerIdNum;
  String callerIdName;
  String connectedNum = UNKNOWN;
  String connectedName = UNKNOWN;
  String context;
  String exten;
  int priority = 1;
  String dnid;
  String application = "";
  String applicationData = "";

  Activity activity;
  /** MOH class started by AGI SET MUSIC, null when off. */
  String backgroundMusic;
  SimBridge bridge;
  java.util.function.Consumer<SimChannel> bridgeExit;
  Recording recording;
  ChannelObserver observer;
  /** Where the dialplan continues when AMI Bridge releases the channel (Asterisk's "after bridge go on"). */
  Location afterBridge;
  /** Set by Redirect while an application still runs; the runner jumps there when the application returns. */
  Location pendingGoto;
  /** Incremented whenever the current dialplan run is abandoned (channel taken by a bridge, restarted). */
  int runGeneration;
  boolean dialplanRunning;
  boolean inHangupHandler;
  boolean ranHangupHandler;
  volatile boolean hangingUp;
  volatile boolean destroyed;
  volatile int hangupCause = HangupCause.NORMAL_CLEARING;

  SimChannel(String name, String uniqueId, String endpoint, long createdAtMillis) {
    this.name = name;
    this.uniqueId = uniqueId;
    this.endpoint = endpoint;
    this.createdAtMillis = createdAtMillis;
    this.linkedId = uniqueId;
  }

  public String name() {
    return name;
  }

  public String uniqueId() {
    return uniqueId;
  }

  public String linkedId() {
    return linkedId;
  }

  public String endpoint() {
    return endpoint;
  }

  public ChannelState state() {
    return state;
  }

  public String context() {
    return context;
  }

  public String exten() {
    return exten;
  }

  public int priority() {
    return priority;
  }

  public String callerIdNum() {
    return callerIdNum;
  }

  public String callerIdName() {
    return callerIdName;
  }

  public boolean hungUp() {
    return hangingUp || destroyed;
  }

  public int hangupCause() {
    return hangupCause;
  }

  public long createdAtMillis() {
    return createdAtMillis;
  }

  public String dnid() {
    return dnid;
  }

  public String application() {
    return application;
  }

  public String applicationData() {
    return applicationData;
  }

  public String bridgeId() {
    return bridge == null ? "" : bridge.id();
  }

  /** The raw variable, without functions; null when unset. */
  public String variable(String name) {
    return variables.get(name);
  }

  Map<String, String> variables() {
    return variables;
  }

  Deque<Character> typeAhead() {
    return typeAhead;
  }

  /** The channel snapshot block in Asterisk's order, optionally prefixed ({@code Dest}, {@code Spyee}...). */
  public AmiFrame snapshot(AmiFrame frame, String prefix) {
    return frame
        .add(prefix + "Channel", name)
        .add(prefix + "ChannelState", state.code())
        .add(prefix + "ChannelStateDesc", state.description())
        .add(prefix + "CallerIDNum", orUnknown(callerIdNum))
        .add(prefix + "CallerIDName", orUnknown(callerIdName))
        .add(prefix + "ConnectedLineNum", orUnknown(connectedNum))
        .add(prefix + "ConnectedLineName", orUnknown(connectedName))
        .add(prefix + "Language", "en")
        .add(prefix + "AccountCode", "")
        .add(prefix + "Context", context)
        .add(prefix + "Exten", exten)
        .add(prefix + "Priority", priority)
        .add(prefix + "Uniqueid", uniqueId)
        .add(prefix + "Linkedid", linkedId);
  }

  /** A channel event: {@code Event}, {@code Privilege} and the snapshot. */
  public AmiFrame event(String eventName, String privilege) {
    return snapshot(AmiFrame.event(eventName, privilege), "");
  }

  static String orUnknown(String value) {
    return value == null || value.isEmpty() ? UNKNOWN : value;
  }

  @Override
  public String toString() {
    return name;
  }
}
