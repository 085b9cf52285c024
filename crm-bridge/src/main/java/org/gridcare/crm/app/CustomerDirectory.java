package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.CustomerMatch;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.Rectification;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.PhoneNumbers;

/** Finding customers: by phone, by name (typo tolerant), by customer number, by GSRN; the 360 view. */
public final class CustomerDirectory implements CallerDirectory, OutageAudience {
  private static final int MAX_RESULTS = 50;

  private final Customers customers;
  private final Tickets tickets;
  private final Interactions interactions;
  private final Applications applications;
  private final PhoneNumbers phones;
  private final Audit audit;
  private final Clock clock = Clock.systemUTC();

  public CustomerDirectory(Customers customers, Tickets tickets, Interactions interactions, Applications applications,
      PhoneNumbers phones, Audit audit) {
    this.customers = customers;
    this.tickets = tickets;
    this.interactions = interactions;
    this.applications = applications;
    this.phones = phones;
    this.audit = audit;
  }

  /** One criterion at a time, as the operator's search box sends it. */
  public Future<List<CustomerMatch>> search(SearchQuery q) {
    switch (q.by()) {
      case PHONE:
        return byPhone(q.text()).map(list -> list.stream().map(c -> match(c, 1.0)).toList());
      case NAME:
        return customers.searchByName(q.text(), Math.min(q.limit(), MAX_RESULTS));
      case NUMBER:
        return customers.byNumber(q.text().strip().toUpperCase()).map(o -> o.map(c -> List.of(match(c, 1.0))).orElse(List.of()));
      case GSRN:
        return Future.succeededFuture(q.text()).map(Gsrn::new).compose(customers::byGsrn)
            .map(o -> o.map(c -> List.of(match(c, 1.0))).orElse(List.of()));
      default:
        throw new IllegalStateException("unhandled search " + q.by());
    }
  }

  @Override
  public Future<List<Customer>> byPhone(String rawNumber) {
    Optional<String> e164 = phones.normalise(rawNumber);
    return e164.isEmpty() ? Future.succeededFuture(List.of()) : customers.byPhone(e164.get());
  }

  @Override
  public Future<Optional<Customer>> byNumber(String customerNumber) {
    return customers.byNumber(customerNumber);
  }

  /** A customer by id for the system's own use (telling them about their application), not an operator's read. */
  public Future<Optional<Customer>> byId(long id) {
    return customers.byId(id);
  }

  @Override
  public Future<Optional<Customer>> byGsrn(Gsrn gsrn) {
    return customers.byGsrn(gsrn);
  }

  @Override
  public Future<List<NotifiableContact>> contactsIn(GridSelector selector) {
    return customers.notifiable(selector);
  }

  /** Listed customers' consenting phones (a known customer without one: once, e164 null); unknown numbers absent. */
  public Future<List<NotifiableContact>> contactsOf(List<String> customerNumbers) {
    return customers.notifiableByNumbers(customerNumbers);
  }

  /**
   * The customer 360: the card plus every ticket, the call history and the applications. The read is recorded in
   * the access audit ({@code customer.viewed}) before the data is returned.
   */
  public Future<Customer360> customer360(long id, String actor) {
    return customers.byId(id).compose(found -> {
      Customer c = found.orElseThrow(() -> DomainException.notFound("no-such-customer", "No customer " + id));
      return audit.record(AuditEntry.of(actor, "customer.viewed", "customer", String.valueOf(id)))
          .compose(v -> Future.all(tickets.forCustomer(id, false, 100), interactions.forCustomer(id, 50),
              applications.forCustomer(id)))
          .map(all -> new Customer360(c, all.resultAt(0), all.resultAt(1), all.resultAt(2)));
    });
  }

  /**
   * Corrects a customer's master data (rectification): recorded in the access audit as {@code customer.rectified}
   * with the fields changed and the reason (never the values), in the same transaction as the change.
   */
  public Future<Customer> rectify(long id, Rectification r, String actor) {
    return customers.rectify(id, r, clock.instant(), c -> audit.record(AuditEntry.of(actor, "customer.rectified",
        "customer", String.valueOf(id)).because(r.reason())
        .details(Map.of("fields", String.join(",", r.fields()), "version", c.version()))));
  }

  /** A phone number as typed, in E.164 by the platform's normalisation; {@code invalid-phone} naming the field. */
  public String e164(String raw, String field) {
    return phones.normalise(raw).orElseThrow(() -> DomainException.invalid("invalid-phone",
        field + ": not a phone number"));
  }

  /** Whether an E.164 number is a mobile (can take SMS). */
  public boolean isMobile(String e164) {
    return phones.isMobile(e164);
  }

  private static CustomerMatch match(Customer c, double score) {
    return new CustomerMatch(c.id(), c.number(), c.kind(), c.name(), c.identityMasked(), c.address().city(), score);
  }

  /** A search request: what to search by, the text, how many results. */
  public record SearchQuery(By by, String text, int limit) {
    public enum By { PHONE, NAME, NUMBER, GSRN }

    public SearchQuery {
      if (text == null || text.isBlank()) {
        throw DomainException.invalid("empty-search", "Type something to search for");
      }
      if (by == By.NAME && text.strip().length() < 2) {
        throw DomainException.invalid("search-too-short", "Search by name needs at least 2 characters");
      }
      limit = limit <= 0 ? 20 : limit;
    }
  }

  public record Customer360(Customer customer, List<org.gridcare.crm.domain.Ticket> tickets,
      List<org.gridcare.crm.domain.Interaction> interactions,
      List<org.gridcare.crm.domain.GridConnectionApplication> applications) {}
}
