package org.gridcare.server.wiring;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.app.GridSelector;
import org.gridcare.crm.app.NotifiableContact;
import org.gridcare.crm.domain.Customer;
import org.gridcare.notifications.app.Recipients;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.Segment;

/**
 * Who lives or has a metering point in an outage area, or who listed customers are, from the CRM: only numbers the
 * customer consented to be notified on (a listed customer's other numbers come back without consent). The
 * notifications module de-duplicates, applies opt-outs and picks SMS or voice.
 */
public final class CrmRecipients implements Recipients {
  /** Customers looked up at once (each one query on the CRM's pool). */
  private static final int BATCH = 32;
  private final CrmModule crm;

  public CrmRecipients(CrmModule crm) {
    this.crm = crm;
  }

  @Override
  public Future<List<Candidate>> inArea(Area area) {
    List<GridSelector> selectors = new ArrayList<>();
    area.substations().forEach(s -> selectors.add(new GridSelector(null, s, null, List.of())));
    area.feeders().forEach(f -> selectors.add(new GridSelector(null, null, f, List.of())));
    if (!area.postcodes().isEmpty()) {
      selectors.add(new GridSelector(null, null, null, List.copyOf(area.postcodes())));
    }
    List<Future<List<NotifiableContact>>> lookups = selectors.stream().map(s -> crm.directory().contactsIn(s)).toList();
    return Future.all(lookups).map(all -> {
      Map<String, Candidate> unique = new LinkedHashMap<>();
      for (Future<List<NotifiableContact>> f : lookups) {
        for (NotifiableContact c : f.result()) {
          unique.putIfAbsent(c.customerId() + " " + c.e164(), new Candidate(String.valueOf(c.customerId()), null,
              c.e164(), null, true, Segment.HOUSEHOLD));
        }
      }
      return List.copyOf(unique.values());
    });
  }

  @Override
  public Future<Map<String, List<Candidate>>> ofCustomers(Set<String> customerNumbers) {
    List<String> numbers = List.copyOf(customerNumbers);
    Map<String, List<Candidate>> found = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < numbers.size(); from += BATCH) {
      List<String> batch = numbers.subList(from, Math.min(numbers.size(), from + BATCH));
      chain = chain.compose(v -> {
        List<Future<Optional<Customer>>> lookups = batch.stream().map(n -> crm.directory().byNumber(n)).toList();
        return Future.all(lookups).map(all -> {
          lookups.forEach(f -> f.result().ifPresent(c -> found.put(c.number(), c.phones().stream()
              .map(p -> new Candidate(String.valueOf(c.id()), null, p.e164(), null, p.notifyConsent(),
                  Segment.HOUSEHOLD)).toList())));
          return null;
        });
      });
    }
    return chain.map(v -> found);
  }
}
