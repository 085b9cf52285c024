package org.gridcare.notifications.app;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.Candidate;

/**
 * Who lives or has supply points in an area: the CRM implements it (its customers, phones, consents, segments).
 * Returns every contact; targeting decides who is messaged.
 */
@FunctionalInterface
public interface Recipients {
  Future<List<Candidate>> inArea(Area area);
}
