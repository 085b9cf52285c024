package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gridcare.crm.domain.Customer;
import org.gridcare.crm.domain.CustomerDraft;
import org.gridcare.crm.domain.CustomerMatch;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.PartyIdentity;
import org.gridcare.crm.domain.Rectification;

/** The customer register (port). */
public interface Customers {

  /** Registers a customer; {@code duplicate-identity} when the national ID / organisation number is known. */
  Future<Customer> create(CustomerDraft draft);

  Future<Optional<Customer>> byId(long id);

  Future<Optional<Customer>> byNumber(String customerNumber);

  /** Every customer with this number (a shared landline can belong to several). */
  Future<List<Customer>> byPhone(String e164);

  Future<Optional<Customer>> byGsrn(Gsrn gsrn);

  /** Exact match on the protected identity (the caller says their ID, the operator types it). */
  Future<Optional<Customer>> byIdentity(PartyIdentity identity);

  /** Names ranked by trigram similarity, tolerant of typos; best first. */
  Future<List<CustomerMatch>> searchByName(String text, int limit);

  /** Customers whose installation (or postal) address is in the area, with a phone they agreed to be notified on. */
  Future<List<NotifiableContact>> notifiable(GridSelector selector);

  /**
   * Listed customers by customer number with the phones they agreed to be contacted on, in one query; a known customer
   * without such a phone comes back once with a null {@code e164}; unknown numbers are absent.
   */
  Future<List<NotifiableContact>> notifiableByNumbers(List<String> customerNumbers);

  /** Outstanding debt in cents (checked before accepting a grid-connection application). */
  Future<Long> debtCents(long customerId);

  Future<Long> count();

  /**
   * Applies a rectification if the customer is still at {@code r.version()} ({@code stale-customer} otherwise), in
   * one transaction that also runs {@code beforeCommit} with the corrected customer (its failure undoes it all).
   */
  Future<Customer> rectify(long id, Rectification r, Instant at, Function<Customer, Future<Void>> beforeCommit);
}
