package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.Set;
import org.gridcare.notifications.domain.Candidate;

/** The CRM's customers who applied for a grid connection, as the application-stage notices need them. */
public interface Applicants {

  /** The customer's own phone numbers in the CRM's order; empty for an unknown (erased) customer. */
  Future<List<Candidate>> numbers(String customerId);

  /** The ids of every stage an application can be at (each needs words in every language's templates). */
  Set<String> stages();
}
