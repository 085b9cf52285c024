package org.gridcare.recordings.domain;

import org.gridcare.platform.domain.DomainException;

public enum Direction {
  INBOUND, OUTBOUND;

  public String id() {
    return name().toLowerCase();
  }

  public static Direction of(String id) {
    for (Direction d : values()) {
      if (d.id().equals(id)) {
        return d;
      }
    }
    throw DomainException.invalid("invalid-direction", "Direction is inbound or outbound, got " + id);
  }
}
