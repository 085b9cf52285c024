package org.gridcare.pbx.asterisk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.asteriskjava.manager.event.AbstractHoldEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.ChanSpyStopEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.MixMonitorStopEvent;
import org.asteriskjava.manager.event.MusicOnHoldEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewConnectedLineEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.gridcare.pbx.domain.CallId;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelId;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.Contexts;
import org.gridcare.pbx.domain.DialplanTarget;
import org.gridcare.pbx.domain.HangupCause;
import org.gridcare.pbx.domain.PbxEvent;

/**
 * Turns the AMI event stream into domain {@link PbxEvent}s and keeps the live channel table (Uniqueid → channel name
 * and snapshot) that commands need, since AMI actions address channels by name.
 *
 * <p>Everything here runs under this object's lock and hands results to the sink inside it, so the sink sees events
 * in exactly the PBX's order. While a reconciliation is running, incoming events are held back and replayed after
 * the {@code CoreShowChannels} snapshot is applied, so an event that raced the snapshot is not lost.
 */
final class AmiEventTranslator {
  private static final String UNKNOWN = "<unknown>";

  /** A channel as we track it: AMI's name for addressing it, plus the domain snapshot. */
  private static final class Live {
    final String name;
    Channel channel;
    boolean executedDialplan;
    boolean arrived;
    String recordingFile;

    Live(String name, Channel channel) {
      this.name = name;
      this.channel = channel;
    }
  }

  private final Consumer<PbxEvent> sink;
  private final Consumer<ChannelId> hangupRequested;
  private final Map<String, Live> channels = new LinkedHashMap<>();
  private final Map<String, Set<String>> bridges = new HashMap<>();
  private List<ManagerEvent> heldBack;

  /**
   * {@code hangupRequested} hears of a channel being hung up the moment Asterisk starts to (HangupRequest,
   * SoftHangupRequest): a channel inside AGI only reports its Hangup after the script lets go of it.
   */
  AmiEventTranslator(Consumer<PbxEvent> sink, Consumer<ChannelId> hangupRequested) {
    this.sink = sink;
    this.hangupRequested = hangupRequested;
  }

  synchronized void onEvent(ManagerEvent event) {
    if (heldBack != null) {
      heldBack.add(event);
      return;
    }
    translate(event, receivedAt(event));
  }

  /** From now on events are held back until {@link #reconciled} or {@link #disconnected}. */
  synchronized void reconciling() {
    heldBack = new ArrayList<>();
  }

  /** Replaces the table with the PBX's view, announces it, then replays what arrived meanwhile. */
  synchronized void reconciled(List<CoreShowChannelEvent> items, Instant now) {
    channels.clear();
    bridges.clear();
    for (CoreShowChannelEvent item : items) {
      Live live = new Live(item.getChannel(), snapshotOf(item, now));
      live.executedDialplan = true;
      live.arrived = Contexts.INBOUND.equals(item.getContext());
      channels.put(item.getUniqueid(), live);
      String bridge = blankToNull(item.getBridgeid());
      if (bridge != null) {
        bridges.computeIfAbsent(bridge, b -> new LinkedHashSet<>()).add(item.getUniqueid());
      }
    }
    sink.accept(new PbxEvent.PbxConnected(now, snapshot()));
    List<ManagerEvent> replay = heldBack == null ? List.of() : heldBack;
    heldBack = null;
    replay.forEach(e -> translate(e, receivedAt(e)));
  }

  synchronized void disconnected(Instant at, String reason) {
    heldBack = null;
    sink.accept(new PbxEvent.PbxDisconnected(at, reason));
  }

  /** Runs {@code action} with no event published meanwhile. */
  synchronized void atomically(Runnable action) {
    action.run();
  }

  synchronized Optional<String> channelName(ChannelId id) {
    return Optional.ofNullable(channels.get(id.value())).map(l -> l.name);
  }

  synchronized Optional<CallId> callOf(ChannelId id) {
    return Optional.ofNullable(channels.get(id.value())).map(l -> l.channel.callId());
  }

  synchronized List<Channel> snapshot() {
    return channels.values().stream().map(l -> l.channel).toList();
  }

  private void translate(ManagerEvent event, Instant at) {
    if (event instanceof NewChannelEvent e) {
      Channel channel = new Channel(new ChannelId(e.getUniqueId()), callId(e.getLinkedid(), e.getUniqueId()),
          endpointOf(e.getChannel()), stateOf(e.getChannelState()), known(e.getCallerIdNum()),
          known(e.getCallerIdName()), known(e.getConnectedLineNum()), location(e), at);
      channels.put(e.getUniqueId(), new Live(e.getChannel(), channel));
      sink.accept(new PbxEvent.ChannelCreated(at, channel));
    } else if (event instanceof NewStateEvent e) {
      ChannelState state = stateOf(e.getChannelState());
      Live live = update(e.getUniqueId(), c -> withState(c, state, known(e.getConnectedLineNum())));
      CallId call = callOf(live, e.getLinkedId(), e.getUniqueId());
      ChannelId id = new ChannelId(e.getUniqueId());
      if (state == ChannelState.RINGING) {
        sink.accept(new PbxEvent.ChannelRinging(at, call, id));
      } else if (state == ChannelState.UP) {
        sink.accept(new PbxEvent.ChannelAnswered(at, call, id));
      }
    } else if (event instanceof NewConnectedLineEvent e) {
      update(e.getUniqueId(), c -> withState(c, c.state(), known(e.getConnectedLineNum())));
    } else if (event instanceof NewExtenEvent e) {
      onNewExten(e, at);
    } else if (event instanceof VarSetEvent e) {
      Live live = channels.get(e.getUniqueId());
      if (live != null && "MIXMONITOR_FILENAME".equals(e.getVariable())) {
        live.recordingFile = e.getValue();
      }
    } else if (event instanceof BridgeEnterEvent e) {
      Set<String> members = bridges.computeIfAbsent(e.getBridgeUniqueId(), b -> new LinkedHashSet<>());
      members.add(e.getUniqueId());
      sink.accept(new PbxEvent.ChannelsBridged(at, callOf(channels.get(e.getUniqueId()), e.getLinkedId(),
          e.getUniqueId()), new ChannelId(e.getUniqueId()), e.getBridgeUniqueId(),
          members.stream().map(ChannelId::new).toList()));
    } else if (event instanceof BridgeLeaveEvent e) {
      Set<String> members = bridges.get(e.getBridgeUniqueId());
      if (members != null) {
        members.remove(e.getUniqueId());
      }
      sink.accept(new PbxEvent.ChannelUnbridged(at, callOf(channels.get(e.getUniqueId()), e.getLinkedId(),
          e.getUniqueId()), new ChannelId(e.getUniqueId()), e.getBridgeUniqueId()));
    } else if (event instanceof BridgeDestroyEvent e) {
      bridges.remove(e.getBridgeUniqueId());
    } else if (event instanceof MusicOnHoldEvent e) {
      CallId call = callOf(channels.get(e.getUniqueId()), e.getLinkedId(), e.getUniqueId());
      ChannelId id = new ChannelId(e.getUniqueId());
      sink.accept(e instanceof MusicOnHoldStartEvent
          ? new PbxEvent.ChannelHeld(at, call, id) : new PbxEvent.ChannelResumed(at, call, id));
    } else if (event instanceof AbstractHoldEvent e) {
      CallId call = callOf(channels.get(e.getUniqueId()), e.getLinkedId(), e.getUniqueId());
      ChannelId id = new ChannelId(e.getUniqueId());
      sink.accept(e instanceof HoldEvent
          ? new PbxEvent.ChannelHeld(at, call, id) : new PbxEvent.ChannelResumed(at, call, id));
    } else if (event instanceof DtmfEndEvent e) {
      if (e.isReceived() && e.getDigit() != null && !e.getDigit().isEmpty()) {
        sink.accept(new PbxEvent.DtmfReceived(at, callOf(channels.get(e.getUniqueId()), e.getLinkedId(),
            e.getUniqueId()), new ChannelId(e.getUniqueId()), e.getDigit().charAt(0)));
      }
    } else if (event instanceof MixMonitorStartEvent e) {
      Live live = channels.get(e.getUniqueId());
      sink.accept(new PbxEvent.RecordingStarted(at, callOf(live, e.getLinkedId(), e.getUniqueId()),
          new ChannelId(e.getUniqueId()), live == null ? null : live.recordingFile));
    } else if (event instanceof MixMonitorStopEvent e) {
      sink.accept(new PbxEvent.RecordingStopped(at, callOf(channels.get(e.getUniqueId()), e.getLinkedId(),
          e.getUniqueId()), new ChannelId(e.getUniqueId())));
    } else if (event instanceof ChanSpyStartEvent e) {
      sink.accept(new PbxEvent.SpyStarted(at, callOf(channels.get(e.getSpyerUniqueId()), e.getSpyerLinkedId(),
          e.getSpyerUniqueId()), new ChannelId(e.getSpyerUniqueId()), new ChannelId(e.getSpyeeUniqueId())));
    } else if (event instanceof ChanSpyStopEvent e) {
      sink.accept(new PbxEvent.SpyStopped(at, callOf(channels.get(e.getSpyerUniqueId()), e.getSpyerLinkedId(),
          e.getSpyerUniqueId()), new ChannelId(e.getSpyerUniqueId()),
          e.getSpyeeUniqueId() == null ? null : new ChannelId(e.getSpyeeUniqueId())));
    } else if (event instanceof HangupRequestEvent e) {
      hangupRequested.accept(new ChannelId(e.getUniqueId()));
    } else if (event instanceof SoftHangupRequestEvent e) {
      hangupRequested.accept(new ChannelId(e.getUniqueId()));
    } else if (event instanceof HangupEvent e) {
      Live live = channels.remove(e.getUniqueId());
      bridges.values().forEach(m -> m.remove(e.getUniqueId()));
      int code = e.getCause() == null ? 0 : e.getCause();
      String text = known(e.getCauseTxt());
      sink.accept(new PbxEvent.ChannelHungUp(at, callOf(live, e.getLinkedId(), e.getUniqueId()),
          new ChannelId(e.getUniqueId()), new HangupCause(code, text == null ? "Unknown" : text)));
    }
  }

  /**
   * The first step in {@code cc-inbound} is the call's arrival. A later jump to priority 1 of another place (AMI
   * Redirect, Goto, a transfer) is a transfer; an originated leg's first step into its target is not.
   */
  private void onNewExten(NewExtenEvent e, Instant at) {
    Live live = channels.get(e.getUniqueId());
    DialplanTarget to = location(e);
    if (live == null || to == null) {
      return;
    }
    DialplanTarget from = live.channel.location();
    boolean moved = from == null || !from.context().equals(to.context()) || !from.extension().equals(to.extension());
    boolean transferred = live.executedDialplan && moved && to.priority() == 1 && !"h".equals(to.extension());
    live.executedDialplan = true;
    Channel c = live.channel;
    live.channel = new Channel(c.id(), c.callId(), c.endpoint(), c.state(), c.callerNumber(), c.callerName(),
        c.connectedNumber(), to, c.createdAt());
    if (transferred) {
      sink.accept(new PbxEvent.ChannelTransferred(at, c.callId(), c.id(), to));
    }
    if (!live.arrived && Contexts.INBOUND.equals(to.context())) {
      live.arrived = true;
      sink.accept(new PbxEvent.CallArrived(at, c.callId(), c.id(), c.callerNumber(), to.extension()));
    }
  }

  private Live update(String uniqueId, java.util.function.UnaryOperator<Channel> change) {
    Live live = channels.get(uniqueId);
    if (live != null) {
      live.channel = change.apply(live.channel);
    }
    return live;
  }

  private static Channel withState(Channel c, ChannelState state, String connected) {
    return new Channel(c.id(), c.callId(), c.endpoint(), state, c.callerNumber(), c.callerName(),
        connected == null ? c.connectedNumber() : connected, c.location(), c.createdAt());
  }

  static Channel snapshotOf(CoreShowChannelEvent item, Instant now) {
    return new Channel(new ChannelId(item.getUniqueid()), callId(item.getLinkedid(), item.getUniqueid()),
        endpointOf(item.getChannel()), stateOf(item.getChannelState()), known(item.getCallerIdNum()),
        known(item.getCallerIdName()), known(item.getConnectedLineNum()), location(item),
        now.minus(parseDuration(item.getDuration())));
  }

  private static CallId callOf(Live live, String linkedId, String uniqueId) {
    return live != null ? live.channel.callId() : callId(linkedId, uniqueId);
  }

  private static CallId callId(String linkedId, String uniqueId) {
    String id = known(linkedId);
    return new CallId(id != null ? id : uniqueId);
  }

  private static DialplanTarget location(ManagerEvent e) {
    String context = known(e.getContext());
    String exten = known(e.getExten());
    if (context == null || exten == null) {
      return null;
    }
    return new DialplanTarget(context, exten, e.getPriority() == null ? 1 : e.getPriority());
  }

  /** AMI channel state numbers (ast_state): 0 down, 3 dialing, 4 ring, 5 ringing, 6 up, 7 busy. */
  static ChannelState stateOf(Integer state) {
    if (state == null) {
      return ChannelState.DOWN;
    }
    return switch (state) {
      case 3, 4 -> ChannelState.DIALING;
      case 5 -> ChannelState.RINGING;
      case 6 -> ChannelState.UP;
      case 7 -> ChannelState.BUSY;
      default -> ChannelState.DOWN;
    };
  }

  /** {@code PJSIP/op1001-0000000a} → {@code PJSIP/op1001}: the device (the name without Asterisk's sequence). */
  static String endpointOf(String channelName) {
    if (channelName == null) {
      return null;
    }
    int dash = channelName.lastIndexOf('-');
    int slash = channelName.indexOf('/');
    boolean sequence = dash > slash && slash >= 0
        && channelName.substring(dash + 1).matches("[0-9a-fA-F]{8}(;\\d+)?");
    return sequence ? channelName.substring(0, dash) : channelName;
  }

  private static Duration parseDuration(String hms) {
    if (hms == null) {
      return Duration.ZERO;
    }
    String[] parts = hms.split(":");
    if (parts.length != 3) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(Long.parseLong(parts[1]))
          .plusSeconds(Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }

  private static Instant receivedAt(ManagerEvent e) {
    return e.getDateReceived() == null ? Instant.now() : e.getDateReceived().toInstant();
  }

  /** AMI writes unknown values as the literal {@code <unknown>} and empty ones as an empty string. */
  static String known(String value) {
    return value == null || value.isEmpty() || UNKNOWN.equals(value) ? null : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
