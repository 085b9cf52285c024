package org.gridcare.ivr.app;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.gridcare.ivr.domain.MeterHistory;

/** Meter readings submitted by keypad (implemented by the CRM bridge). */
public interface MeterReadings {

  /** The metering point's last reading and expected consumption; empty when the GSRN is not a metering point of ours. */
  Future<Optional<MeterHistory>> history(String gsrn);

  /** Stores a confirmed reading with the call it came from. */
  Future<Void> store(Reading reading);

  record Reading(String gsrn, long kwh, String callId, String customerId, Instant at) {}
}
