package org.gridcare.notifications.domain;

import java.time.LocalTime;
import org.gridcare.platform.domain.DomainException;

/** The local times of day calls may start, {@code from} inclusive to {@code to} exclusive; past midnight when to < from. */
public record CallingWindow(LocalTime from, LocalTime to) {
  public CallingWindow {
    if (from == null || to == null || from.equals(to)) {
      throw DomainException.invalid("bad-calling-window", "A calling window needs two different times (from, to)");
    }
  }

  public boolean contains(LocalTime t) {
    return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
  }
}
