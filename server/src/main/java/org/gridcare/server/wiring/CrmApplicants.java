package org.gridcare.server.wiring;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.domain.ApplicationStage;
import org.gridcare.notifications.app.Applicants;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.Segment;

/**
 * The notifications' applicants from the CRM: a customer's phone numbers in the order the CRM keeps them (the
 * notifications module picks the mobile or the number to call, and applies opt-outs) and the CRM's application stages.
 */
public final class CrmApplicants implements Applicants {
  private final CrmModule crm;

  public CrmApplicants(CrmModule crm) {
    this.crm = crm;
  }

  @Override
  public Future<List<Candidate>> numbers(String customerId) {
    long id;
    try {
      id = Long.parseLong(customerId);
    } catch (NumberFormatException e) {
      return Future.succeededFuture(List.of()); // not a CRM customer id
    }
    return crm.directory().byId(id).map(found -> found.map(c -> c.phones().stream()
            .map(p -> new Candidate(customerId, null, p.e164(), null, p.notifyConsent(), Segment.HOUSEHOLD))
            .toList())
        .orElse(List.of()));
  }

  @Override
  public Set<String> stages() {
    return Arrays.stream(ApplicationStage.values()).map(ApplicationStage::id).collect(Collectors.toUnmodifiableSet());
  }
}
