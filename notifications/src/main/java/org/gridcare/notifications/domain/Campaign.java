package org.gridcare.notifications.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One notification of one outage to its recipients. {@code key} is unique per outage, so the same notice is never
 * created twice (two server instances running the scheduler, a repeated OMS report).
 */
public record Campaign(UUID id, UUID outageId, NotificationKind kind, String key, Instant createdAt) {

  /** The dedup key of a notification: its kind, plus the estimate it announces for estimate changes. */
  public static String keyOf(NotificationKind kind, Outage outage) {
    return kind == NotificationKind.ESTIMATE_CHANGED
        ? kind.name() + "@" + outage.estimatedRestoration()
        : kind.name();
  }
}
