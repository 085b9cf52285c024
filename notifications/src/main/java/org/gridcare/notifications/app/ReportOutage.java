package org.gridcare.notifications.app;

import java.time.Instant;
import java.util.Objects;
import org.gridcare.notifications.domain.Area;
import org.gridcare.platform.domain.DomainException;

/**
 * An unplanned outage reported by a supervisor or the OMS/SCADA system. {@code start} null means now;
 * {@code externalRef} (the OMS id) makes a repeated report return the outage already known; {@code urgent} marks a
 * hazard (see {@link org.gridcare.notifications.domain.Outage}).
 */
public record ReportOutage(Area area, String cause, Instant start, Instant estimatedRestoration, String source,
    String externalRef, boolean urgent) {
  public ReportOutage {
    Objects.requireNonNull(area, "area");
    if (source == null || source.isBlank()) {
      throw DomainException.invalid("missing-source", "Who reports the outage must be known");
    }
  }

  /** A report that is not urgent. */
  public ReportOutage(Area area, String cause, Instant start, Instant estimatedRestoration, String source,
      String externalRef) {
    this(area, cause, start, estimatedRestoration, source, externalRef, false);
  }
}
