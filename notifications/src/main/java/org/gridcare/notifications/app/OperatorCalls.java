package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/** The line-1 call list: large consumers and retailers an operator informs in person about an outage. */
public interface OperatorCalls {

  record Entry(UUID campaignId, UUID outageId, String kind, String customerId, String name, String phone,
      boolean done) {}

  /** Entries of open outages, oldest campaign first; {@code pendingOnly} leaves out the ones already called. */
  Future<List<Entry>> list(boolean pendingOnly);

  /** The operator has informed the customer; fails {@code no-such-operator-call} for an unknown entry. */
  Future<Void> done(UUID campaignId, String customerId, String operator);
}
