package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.platform.domain.DomainException;

/**
 * Who lives or has supply points in an area, or who given customers are: the CRM implements it (its customers, phones,
 * consents, segments). Returns every contact; targeting decides who is messaged.
 */
@FunctionalInterface
public interface Recipients {
  Future<List<Candidate>> inArea(Area area);

  /**
   * The contacts of the customers with these customer numbers, by customer number: a customer the CRM does not know
   * has no entry, one without a phone an empty list. A source that can only select by area says so (503).
   */
  default Future<Map<String, List<Candidate>>> ofCustomers(Set<String> customerNumbers) {
    return Future.failedFuture(DomainException.unavailable("no-customer-lookup",
        "The customer register cannot look customers up by number here", null));
  }
}
