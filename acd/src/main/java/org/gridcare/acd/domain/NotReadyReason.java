package org.gridcare.acd.domain;

import java.util.Set;
import org.gridcare.platform.domain.DomainException;

/** Reason codes for not-ready; {@code no-answer} and {@code logged-in} are set by the system. */
public final class NotReadyReason {
  public static final String LOGGED_IN = "logged-in";
  public static final String NO_ANSWER = "no-answer";
  public static final Set<String> CHOSEN = Set.of("break", "lunch", "training", "meeting", "after-call-work", "technical");

  private NotReadyReason() {}

  /** A reason an operator or supervisor may choose; anything else is refused. */
  public static String chosen(String reason) {
    if (reason == null || !CHOSEN.contains(reason)) {
      throw DomainException.invalid("unknown-not-ready-reason",
          "Not-ready reason must be one of " + CHOSEN.stream().sorted().toList() + ", got " + reason);
    }
    return reason;
  }
}
