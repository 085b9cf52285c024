package org.gridcare.notifications.app;

import java.time.Instant;
import java.util.Objects;
import org.gridcare.notifications.domain.Area;
import org.gridcare.platform.domain.DomainException;

/** A planned maintenance outage with its window. */
public record PlanOutage(Area area, String cause, Instant start, Instant end, String source) {
  public PlanOutage {
    Objects.requireNonNull(area, "area");
    if (start == null || end == null) {
      throw DomainException.invalid("bad-outage-window", "A planned outage needs its start and end");
    }
    if (source == null || source.isBlank()) {
      throw DomainException.invalid("missing-source", "Who plans the outage must be known");
    }
  }
}
