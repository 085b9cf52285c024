package org.gridcare.server.wiring;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridcare.crm.CrmModule;
import org.gridcare.crm.app.GridSelector;
import org.gridcare.crm.app.NotifiableContact;
import org.gridcare.notifications.app.Recipients;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Candidate;
import org.gridcare.notifications.domain.Segment;

/**
 * Who lives or has a metering point in an outage area, or who listed customers are, from the CRM (one query each):
 * only numbers the customer consented to be notified on. The notifications module de-duplicates, applies opt-outs and
 * picks SMS or voice.
 */
public final class CrmRecipients implements Recipients {
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
    return crm.directory().contactsOf(List.copyOf(customerNumbers)).map(contacts -> {
      Map<String, List<Candidate>> found = new LinkedHashMap<>();
      for (NotifiableContact c : contacts) {
        List<Candidate> phones = found.computeIfAbsent(c.customerNumber(), n -> new ArrayList<>());
        if (c.e164() != null) {
          phones.add(new Candidate(String.valueOf(c.customerId()), null, c.e164(), null, true, Segment.HOUSEHOLD));
        }
      }
      return found;
    });
  }
}
