package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.CustomerCard;
import org.gridcare.crm.domain.Interaction;
import org.gridcare.crm.domain.Ticket;
import org.gridcare.platform.domain.Masking;
import org.gridcare.platform.domain.PhoneNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the customer card shown when a call is offered to an operator (budget: 100 ms from the offer). The
 * look-ups run in parallel; the outage hook gets a short deadline and an empty answer when it misses it, so a slow
 * outage system never delays the card. Unknown callers get an empty card (the desktop then offers search).
 */
public final class ScreenPop {
  private static final Logger LOG = LoggerFactory.getLogger(ScreenPop.class);
  static final int OPEN_TICKETS = 10;
  static final int LAST_INTERACTIONS = 5;
  static final long OUTAGE_DEADLINE_MS = 40;

  private final Customers customers;
  private final Tickets tickets;
  private final Interactions interactions;
  private final OutageLookup outages;
  private final PhoneNumbers phones;

  public ScreenPop(Customers customers, Tickets tickets, Interactions interactions, OutageLookup outages,
      PhoneNumbers phones) {
    this.customers = customers;
    this.tickets = tickets;
    this.interactions = interactions;
    this.outages = outages;
    this.phones = phones;
  }

  /** The card for an offered call; the call's interaction is linked to the customer when exactly one matches. */
  public Future<CustomerCard> offered(String callId, String rawCaller) {
    return card(rawCaller).compose(card -> card.customer().isEmpty() || card.otherMatches() > 0
        ? Future.succeededFuture(card)
        : interactions.identify(callId, card.customer().get().id()).map(card));
  }

  public Future<CustomerCard> card(String rawCaller) {
    Optional<String> e164 = phones.normalise(rawCaller);
    String masked = Masking.phone(e164.orElse(rawCaller));
    if (e164.isEmpty()) {
      return Future.succeededFuture(CustomerCard.unknown(masked));
    }
    return customers.byPhone(e164.get()).compose(found -> found.isEmpty()
        ? Future.succeededFuture(CustomerCard.unknown(masked))
        : cardOf(masked, found.get(0), found.size() - 1));
  }

  private Future<CustomerCard> cardOf(String masked, Customer c, int others) {
    Future<List<Ticket>> open = tickets.forCustomer(c.id(), true, OPEN_TICKETS);
    Future<List<Interaction>> last = interactions.forCustomer(c.id(), LAST_INTERACTIONS);
    Future<Optional<CustomerCard.ActiveOutage>> outage = outages.activeAt(c.address().grid())
        .timeout(OUTAGE_DEADLINE_MS, TimeUnit.MILLISECONDS)
        .recover(e -> {
          LOG.warn("Outage look-up for the screen pop failed or was late: {}", e.toString());
          return Future.succeededFuture(Optional.empty());
        });
    return Future.all(open, last, outage)
        .map(all -> new CustomerCard(masked, Optional.of(c), open.result(), last.result(), outage.result(), others));
  }
}
