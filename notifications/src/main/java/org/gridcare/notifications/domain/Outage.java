package org.gridcare.notifications.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.gridcare.platform.domain.DomainException;

/**
 * One outage and its life cycle. Transitions return a {@link Change}: the new outage and the notifications it calls
 * for. {@code notifiedEstimate} is the restoration time customers were last told; {@code version} guards concurrent
 * updates (optimistic locking in the store).
 *
 * @param end          planned: end of the maintenance window; unplanned: null
 * @param source       who reported it ({@code user:anna}, {@code oms})
 * @param externalRef  the outage-management system's id, so a repeated report does not create a second outage
 * @param urgent       a hazard to life or property (e.g. lines down): with {@code notifications.voice.urgent}
 *                     customers who get an SMS are called as well
 */
public record Outage(
    UUID id, OutageKind kind, OutageState state, Area area, String cause, Instant start, Instant end,
    Instant estimatedRestoration, Instant notifiedEstimate, Instant restoredAt, String source, String externalRef,
    boolean urgent, Instant createdAt, long version) {

  public Outage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(start, "start");
    cause = cause == null || cause.isBlank() ? "unknown" : cause.strip();
  }

  /** What a transition produced: the outage as it is now and what customers must be told. */
  public record Change(Outage outage, List<NotificationKind> notices) {
    public Change {
      notices = List.copyOf(notices);
    }
  }

  public static Outage planned(UUID id, Area area, String cause, Instant start, Instant end, String source,
      Instant now) {
    if (end == null || !end.isAfter(start)) {
      throw DomainException.invalid("bad-outage-window", "A planned outage ends after it starts");
    }
    if (!end.isAfter(now)) {
      throw DomainException.invalid("bad-outage-window", "A planned outage cannot be entirely in the past");
    }
    return new Outage(id, OutageKind.PLANNED, OutageState.SCHEDULED, area, cause, start, end, end, null, null, source,
        null, false, now, 0);
  }

  /** An unplanned outage is active at once; customers hear about it (with the estimate, if one is known). */
  public static Change unplanned(UUID id, Area area, String cause, Instant start, Instant estimate, String source,
      String externalRef, boolean urgent, Instant now) {
    Instant begun = start == null ? now : start;
    if (begun.isAfter(now.plus(Duration.ofMinutes(5)))) {
      throw DomainException.invalid("bad-outage-start", "An unplanned outage cannot start in the future");
    }
    checkEstimate(begun, estimate);
    Outage o = new Outage(id, OutageKind.UNPLANNED, OutageState.ACTIVE, area, cause, begun, null, estimate, estimate,
        null, source, externalRef, urgent, now, 0);
    return new Change(o, List.of(NotificationKind.OUTAGE_STARTED));
  }

  /** The planned notices that are due at {@code now}: the advance notice inside the notice window, then the start. */
  public List<NotificationKind> due(Instant now, Duration noticeAhead) {
    if (kind != OutageKind.PLANNED || state != OutageState.SCHEDULED) {
      return List.of();
    }
    if (!now.isBefore(start)) {
      return List.of(NotificationKind.PLANNED_START);
    }
    return now.isBefore(start.minus(noticeAhead)) ? List.of() : List.of(NotificationKind.PLANNED_NOTICE);
  }

  /** A planned outage begins: customers hear that it starts now. */
  public Change begin(Instant now) {
    if (state != OutageState.SCHEDULED) {
      throw DomainException.conflict("outage-not-scheduled", "Outage " + id + " is " + state + ", not scheduled");
    }
    return new Change(with(OutageState.ACTIVE, estimatedRestoration, estimatedRestoration, null),
        List.of(NotificationKind.PLANNED_START));
  }

  /** A new estimated restoration; customers are told only when it moved materially from what they heard. */
  public Change reviseEstimate(Instant estimate, EstimatePolicy policy) {
    requireOpen();
    checkEstimate(start, estimate);
    if (state == OutageState.SCHEDULED) {
      // The window of a planned outage moves with it; the start notice will carry the new end.
      return new Change(new Outage(id, kind, state, area, cause, start, estimate, estimate, notifiedEstimate, null,
          source, externalRef, urgent, createdAt, version), List.of());
    }
    if (policy.material(notifiedEstimate, estimate)) {
      return new Change(with(state, estimate, estimate, null), List.of(NotificationKind.ESTIMATE_CHANGED));
    }
    return new Change(with(state, estimate, notifiedEstimate, null), List.of());
  }

  /** Power is back. */
  public Change restore(Instant now) {
    if (state != OutageState.ACTIVE) {
      throw DomainException.conflict("outage-not-active", "Only an active outage can be restored; " + id + " is " + state);
    }
    return new Change(with(OutageState.RESTORED, estimatedRestoration, notifiedEstimate, now),
        List.of(NotificationKind.RESTORED));
  }

  /** A planned outage called off; customers who got the advance notice are told. */
  public Change cancel(boolean noticeSent) {
    if (state != OutageState.SCHEDULED) {
      throw DomainException.conflict("outage-not-scheduled", "Only a scheduled outage can be cancelled; " + id + " is " + state);
    }
    return new Change(with(OutageState.CANCELLED, estimatedRestoration, notifiedEstimate, null),
        noticeSent ? List.of(NotificationKind.CANCELLED) : List.of());
  }

  private Outage with(OutageState s, Instant estimate, Instant notified, Instant restored) {
    return new Outage(id, kind, s, area, cause, start, end, estimate, notified, restored, source, externalRef,
        urgent, createdAt, version);
  }

  private void requireOpen() {
    if (state.closed()) {
      throw DomainException.conflict("outage-closed", "Outage " + id + " is " + state);
    }
  }

  private static void checkEstimate(Instant start, Instant estimate) {
    if (estimate != null && !estimate.isAfter(start)) {
      throw DomainException.invalid("bad-estimate", "The estimated restoration must be after the outage start");
    }
  }
}
