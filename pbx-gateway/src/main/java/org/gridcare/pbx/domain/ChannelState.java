package org.gridcare.pbx.domain;

/** Where a channel is in its life, as far as call handling cares. */
public enum ChannelState {
  DOWN,
  DIALING,
  RINGING,
  UP,
  BUSY,
  HUNG_UP
}
