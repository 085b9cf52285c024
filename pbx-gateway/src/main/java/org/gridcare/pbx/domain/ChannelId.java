package org.gridcare.pbx.domain;

import java.util.Objects;

/** One leg of a call (Asterisk's Uniqueid): stable while the channel lives, never reused. */
public record ChannelId(String value) {
  public ChannelId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
