package org.gridcare.pbx.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the PBX tells the contact centre, in order per call. Names are past tense; no Asterisk vocabulary.
 * {@code call()} and {@code channel()} are null only for connection-level events.
 */
public sealed interface PbxEvent {
  Instant at();

  CallId call();

  ChannelId channel();

  /** A new channel: an inbound caller, or a leg we (or a dial) originated. */
  record ChannelCreated(Instant at, Channel snapshot) implements PbxEvent {
    public CallId call() { return snapshot.callId(); }
    public ChannelId channel() { return snapshot.id(); }
  }

  /** An inbound call reached the toll-free entry ({@code cc-inbound}). {@code dialled} is the DID. */
  record CallArrived(Instant at, CallId call, ChannelId channel, String callerNumber, String dialled) implements PbxEvent {}

  record ChannelRinging(Instant at, CallId call, ChannelId channel) implements PbxEvent {}

  record ChannelAnswered(Instant at, CallId call, ChannelId channel) implements PbxEvent {}

  /** Two or more channels now talk to each other. */
  record ChannelsBridged(Instant at, CallId call, ChannelId channel, String bridge, List<ChannelId> members) implements PbxEvent {}

  record ChannelUnbridged(Instant at, CallId call, ChannelId channel, String bridge) implements PbxEvent {}

  /** The channel hears music on hold (hold, or waiting in queue). */
  record ChannelHeld(Instant at, CallId call, ChannelId channel) implements PbxEvent {}

  record ChannelResumed(Instant at, CallId call, ChannelId channel) implements PbxEvent {}

  /** The channel was sent elsewhere in the dialplan (redirect, blind or attended transfer). */
  record ChannelTransferred(Instant at, CallId call, ChannelId channel, DialplanTarget to) implements PbxEvent {}

  record DtmfReceived(Instant at, CallId call, ChannelId channel, char digit) implements PbxEvent {}

  record RecordingStarted(Instant at, CallId call, ChannelId channel, String file) implements PbxEvent {}

  record RecordingStopped(Instant at, CallId call, ChannelId channel) implements PbxEvent {}

  record SpyStarted(Instant at, CallId call, ChannelId channel, ChannelId spied) implements PbxEvent {}

  record SpyStopped(Instant at, CallId call, ChannelId channel, ChannelId spied) implements PbxEvent {}

  record ChannelHungUp(Instant at, CallId call, ChannelId channel, HangupCause cause) implements PbxEvent {}

  /** The connection to the PBX came up (again); {@code channels} is the reconciled view of live channels. */
  record PbxConnected(Instant at, List<Channel> channels) implements PbxEvent {
    public CallId call() { return null; }
    public ChannelId channel() { return null; }
  }

  record PbxDisconnected(Instant at, String reason) implements PbxEvent {
    public CallId call() { return null; }
    public ChannelId channel() { return null; }
  }
}
