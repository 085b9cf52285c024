package org.gridcare.crm.domain;

import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.Identifiers;

/** The 18-digit GS1 number of a metering point, check digit verified. */
public record Gsrn(String value) {
  public Gsrn {
    value = value == null ? null : value.replaceAll("\\s", "");
    if (!Identifiers.isGsrn(value)) {
      throw DomainException.invalid("invalid-gsrn", "Not a valid GSRN (18 digits, GS1 check digit): " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
