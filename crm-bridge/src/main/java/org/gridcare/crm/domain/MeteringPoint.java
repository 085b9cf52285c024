package org.gridcare.crm.domain;

import java.util.Objects;

/** One metering point (one end user per point), its installation address and the meter on it. */
public record MeteringPoint(Gsrn gsrn, String meterNumber, Address address) {
  public MeteringPoint {
    Objects.requireNonNull(gsrn, "gsrn");
    Objects.requireNonNull(address, "address");
  }
}
