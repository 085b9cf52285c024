package org.gridcare.crm.app;

import io.vertx.core.Future;
import org.gridcare.crm.domain.MeterReading;

/** Self-service meter readings from the IVR: validated, stored, and a ticket registers the request. */
@FunctionalInterface
public interface ReadingIntake {
  Future<MeterReading> submit(MeterReading reading, Long customerId);
}
