package org.gridcare.pbx.domain;

import java.util.Objects;

/** One call from arrival to the last hang-up, across every channel it creates (Asterisk's Linkedid). */
public record CallId(String value) {
  public CallId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
