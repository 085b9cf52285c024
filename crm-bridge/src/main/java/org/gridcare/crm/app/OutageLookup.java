package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.util.Optional;
import org.gridcare.crm.domain.CustomerCard.ActiveOutage;
import org.gridcare.crm.domain.GridLocation;

/** The active outage at a grid location (port; the notifications module implements it, the default knows none). */
@FunctionalInterface
public interface OutageLookup {
  OutageLookup NONE = location -> Future.succeededFuture(Optional.empty());

  Future<Optional<ActiveOutage>> activeAt(GridLocation location);
}
