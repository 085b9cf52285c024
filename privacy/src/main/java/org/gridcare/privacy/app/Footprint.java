package org.gridcare.privacy.app;

import java.util.List;
import java.util.Set;

/**
 * Where one customer's personal data is: their phone numbers that belong to nobody else ({@code sharedPhones} are
 * also registered to another customer and stay with them), the calls made from them, open tickets, legal hold, and
 * their recordings.
 */
public record Footprint(long customerId, Set<String> phones, int sharedPhones, Set<String> callIds, int openTickets,
    boolean held, List<RecordingRef> recordings) {

  public Footprint {
    phones = Set.copyOf(phones);
    callIds = Set.copyOf(callIds);
    recordings = List.copyOf(recordings);
  }

  /** A recording of the customer: {@code storeKey} is null once purged. */
  public record RecordingRef(String id, String storeKey, boolean legalHold, String status) {}
}
