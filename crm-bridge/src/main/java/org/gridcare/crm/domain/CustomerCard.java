package org.gridcare.crm.domain;

import java.util.List;
import java.util.Optional;

/**
 * What an operator's desktop shows when a call is offered: the customer (empty for an unknown caller), open
 * tickets, the last interactions and the active outage at the customer's address, if any.
 */
public record CustomerCard(
    String callerMasked, Optional<Customer> customer, List<Ticket> openTickets, List<Interaction> lastInteractions,
    Optional<ActiveOutage> outage, int otherMatches) {

  public CustomerCard {
    openTickets = List.copyOf(openTickets);
    lastInteractions = List.copyOf(lastInteractions);
  }

  public static CustomerCard unknown(String callerMasked) {
    return new CustomerCard(callerMasked, Optional.empty(), List.of(), List.of(), Optional.empty(), 0);
  }

  /** An outage known to the outage module (notifications) that affects the customer's grid location. */
  public record ActiveOutage(String id, String kind, String summary, java.time.Instant since,
      java.time.Instant expectedEnd) {}
}
