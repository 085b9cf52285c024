package org.gridcare.notifications.domain;

/**
 * Where one SMS of a campaign is. The outbox moves PENDING → SENDING (claimed by a sender) → SENT (the provider
 * accepted it) or back to PENDING for a retry, or FAILED / OPTED_OUT for good. Status callbacks then move SENT to
 * DELIVERED or UNDELIVERED. Callbacks arrive out of order, so a state never moves back to a lower rank.
 */
public enum DeliveryState {
  PENDING(0), SENDING(1), SENT(2), DELIVERED(3), UNDELIVERED(3), FAILED(3), OPTED_OUT(3);

  private final int rank;

  DeliveryState(int rank) {
    this.rank = rank;
  }

  public boolean terminal() {
    return rank == 3;
  }

  /** The state after the provider reported {@code status}; unchanged if it would move backwards or is unknown. */
  public DeliveryState onProviderStatus(String status) {
    DeliveryState reported = switch (status == null ? "" : status) {
      case "delivered", "read" -> DELIVERED;
      case "undelivered" -> UNDELIVERED;
      case "failed", "canceled" -> FAILED;
      case "sent", "queued", "accepted", "sending", "scheduled" -> SENT;
      default -> this;
    };
    return reported.rank > rank ? reported : this;
  }
}
