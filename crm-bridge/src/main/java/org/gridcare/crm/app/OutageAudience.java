package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.util.List;

/** Who to notify about an outage (for the notifications module): consented, usable phones in the area. */
@FunctionalInterface
public interface OutageAudience {
  Future<List<NotifiableContact>> contactsIn(GridSelector selector);
}
