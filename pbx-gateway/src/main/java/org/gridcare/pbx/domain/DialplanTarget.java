package org.gridcare.pbx.domain;

import java.util.Objects;

/** A place in the dialplan (context, extension, priority), used by originate and redirect. */
public record DialplanTarget(String context, String extension, int priority) {
  public DialplanTarget {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(extension, "extension");
  }

  public static DialplanTarget of(String context) {
    return new DialplanTarget(context, "s", 1);
  }

  public static DialplanTarget of(String context, String extension) {
    return new DialplanTarget(context, extension, 1);
  }
}
