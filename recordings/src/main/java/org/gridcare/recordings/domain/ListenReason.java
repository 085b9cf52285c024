package org.gridcare.recordings.domain;

import org.gridcare.platform.domain.DomainException;

/**
 * When a listen must say why ({@code recordings.listen-reason}): never, when the recording's line is not one of the
 * listener's own lines (an admin or a supervisor hearing another line's call; an operator's own call never needs
 * one), or always. The reason goes into the listen's audit entry.
 */
public enum ListenReason {
  NEVER, OTHER_LINES, ALWAYS;

  /** {@code never}, {@code other-lines} or {@code always}. */
  public static ListenReason of(String id) {
    return switch (id) {
      case "never" -> NEVER;
      case "other-lines" -> OTHER_LINES;
      case "always" -> ALWAYS;
      default -> throw new IllegalArgumentException("listen-reason must be never, other-lines or always, got " + id);
    };
  }

  public boolean required(Viewer viewer, Recording r) {
    return switch (this) {
      case NEVER -> false;
      case ALWAYS -> true;
      case OTHER_LINES -> !viewer.username().equals(r.operator())
          && (r.line() == null || !viewer.lines().contains(r.line()));
    };
  }

  /** Fails with {@code reason-required} when this listen needs a reason and has none. */
  public void check(Viewer viewer, Recording r, String reason) {
    if (required(viewer, r) && (reason == null || reason.isBlank())) {
      throw DomainException.invalid("reason-required", this == ALWAYS
          ? "Say why you listen to recording " + r.id() + " (reason): it goes into the audit log"
          : "Recording " + r.id() + " is from line " + r.line() + ", not one of your lines: say why you listen "
              + "(reason); it goes into the audit log");
    }
  }
}
