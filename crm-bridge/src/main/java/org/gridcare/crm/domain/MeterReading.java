package org.gridcare.crm.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.gridcare.platform.domain.DomainException;

/** A meter reading in kWh, by the caller through the IVR or by an operator. Never lower than the previous one. */
public record MeterReading(Gsrn gsrn, BigDecimal kwh, Instant readAt, String source, String callId) {
  public MeterReading {
    Objects.requireNonNull(gsrn, "gsrn");
    Objects.requireNonNull(readAt, "readAt");
    if (kwh == null || kwh.signum() < 0 || kwh.compareTo(new BigDecimal("99999999")) > 0) {
      throw DomainException.invalid("invalid-reading", "A reading is 0..99999999 kWh, got " + kwh);
    }
  }

  public void checkAfter(MeterReading previous) {
    if (previous != null && kwh.compareTo(previous.kwh()) < 0) {
      throw DomainException.invalid("reading-decreased",
          "Reading " + kwh.toPlainString() + " is lower than the previous " + previous.kwh().toPlainString());
    }
  }
}
