package org.gridcare.privacy.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.Sweep;

/**
 * The personal data the modules keep in the database (port), addressed by category. Rows of customers on legal
 * hold are never touched by retention.
 */
public interface PersonalData {

  /** What retention would remove in a database category: rows older than {@code cutoff}. */
  Future<Sweep> expired(Category category, Instant cutoff);

  /** Removes (deletes or anonymises, as the category requires) the rows older than {@code cutoff}. */
  Future<Sweep> purge(Category category, Instant cutoff);

  /** Empty when there is no such customer. */
  Future<java.util.Optional<Footprint>> footprint(long customerId);

  /** Rows of the customer per database category (for the erasure report). */
  Future<Map<Category, Long>> count(Footprint footprint);

  /** Erases the customer's data in the given categories, in one transaction. */
  Future<Void> erase(Footprint footprint, Set<Category> categories);

  /** Everything stored about the customer, as JSON-ready maps and lists, including who accessed it. */
  Future<Map<String, Object>> export(Footprint footprint);

  Future<Void> hold(long customerId, String actor, String reason, Instant at);

  /** False when the customer was not on hold. */
  Future<Boolean> release(long customerId);
}
