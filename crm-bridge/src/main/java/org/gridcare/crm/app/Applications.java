package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridcare.crm.domain.ApplicationStage;
import org.gridcare.crm.domain.GridConnectionApplication;

/** Grid-connection applications (port); each stage change is kept with who made it. */
public interface Applications {
  Future<GridConnectionApplication> submit(long customerId, String requestedKw, String actor, Instant at);

  Future<GridConnectionApplication> advance(String number, ApplicationStage next, String actor, Instant at);

  Future<Optional<GridConnectionApplication>> byNumber(String number);

  Future<List<GridConnectionApplication>> forCustomer(long customerId);
}
