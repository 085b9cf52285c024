package org.gridcare.notifications.domain;

import org.gridcare.platform.domain.DomainException;

/** A survey campaign dials while RUNNING; PAUSED keeps its calls for later; CANCELLED is final (calls not made drop). */
public enum SurveyCampaignState {
  RUNNING,
  PAUSED,
  CANCELLED;

  /** The state an action ({@code pause}, {@code resume}, {@code cancel}) leads to from this one. */
  public SurveyCampaignState after(String action) {
    SurveyCampaignState next = switch (action) {
      case "pause" -> this == RUNNING ? PAUSED : null;
      case "resume" -> this == PAUSED ? RUNNING : null;
      case "cancel" -> this != CANCELLED ? CANCELLED : null;
      default -> throw DomainException.invalid("unknown-action", "Unknown campaign action " + action
          + " (known: pause, resume, cancel)");
    };
    if (next == null) {
      throw DomainException.conflict("campaign-" + name().toLowerCase(java.util.Locale.ROOT),
          "A " + name().toLowerCase(java.util.Locale.ROOT) + " campaign cannot " + action);
    }
    return next;
  }
}
