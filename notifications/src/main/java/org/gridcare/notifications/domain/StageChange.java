package org.gridcare.notifications.domain;

import java.util.Objects;

/** The CRM moved a customer's grid-connection application to {@code stage}; {@code journalId} is the CRM's entry. */
public record StageChange(long journalId, String application, String stage, String customerId) {
  public StageChange {
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(stage, "stage");
  }
}
