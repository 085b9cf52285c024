package org.gridcare.crm.app;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.crm.domain.Gsrn;
import org.gridcare.crm.domain.MeterReading;

/** Meter readings (port). {@link #record} checks the reading against the previous one in the same transaction. */
public interface MeterReadings {
  Future<MeterReading> record(MeterReading reading);

  Future<List<MeterReading>> latest(Gsrn gsrn, int limit);
}
