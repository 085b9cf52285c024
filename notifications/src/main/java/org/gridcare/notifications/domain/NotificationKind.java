package org.gridcare.notifications.domain;

import java.util.Set;

/** Why customers are told something; each kind has its own message template. */
public enum NotificationKind {
  /** A planned outage is coming ({@code plan-notice-ahead} before its start). */
  PLANNED_NOTICE,
  /** A planned outage starts now. */
  PLANNED_START,
  /** An unplanned outage was reported. */
  OUTAGE_STARTED,
  /** The estimated restoration moved materially. */
  ESTIMATE_CHANGED,
  /** Power is back. */
  RESTORED,
  /** A planned outage that customers were told about will not happen. */
  CANCELLED,
  /** The customer's grid-connection application moved to another stage (not about an outage). */
  APPLICATION_STAGE;

  /** The placeholders this kind's texts may use. */
  public Set<String> placeholders() {
    return this == APPLICATION_STAGE ? Set.of("application", "stage") : MessageTemplates.PLACEHOLDERS;
  }
}
