package org.gridcare.crm.domain;

import java.time.Instant;
import org.gridcare.platform.domain.DomainException;

/**
 * A new-connection application as a work order linked to the customer, so the next call finds it. Stages only move
 * forward one at a time; outstanding debt blocks acceptance.
 */
public record GridConnectionApplication(
    long id, String number, long customerId, String requestedKw, ApplicationStage stage, Instant submittedAt,
    Instant stageSince) {

  public static void checkAcceptable(long outstandingDebtCents) {
    if (outstandingDebtCents > 0) {
      throw DomainException.conflict("outstanding-debt",
          "The customer has outstanding debt; settle it before a connection application is accepted");
    }
  }

  public GridConnectionApplication advanceTo(ApplicationStage next, Instant at) {
    if (next.ordinal() != stage.ordinal() + 1) {
      throw DomainException.conflict("illegal-stage",
          "Application " + number + " is at " + stage.id() + "; the next stage is not " + next.id());
    }
    return new GridConnectionApplication(id, number, customerId, requestedKw, next, submittedAt, at);
  }
}
