package org.gridcare.notifications.domain;

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
  CANCELLED
}
