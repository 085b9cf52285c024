package org.gridcare.crm.domain;

import org.gridcare.platform.domain.DomainException;

/** A private customer is identified by national ID, a business by organisation number (seed 001). */
public enum CustomerKind {
  PRIVATE,
  BUSINESS;

  public String id() {
    return name().toLowerCase();
  }

  public static CustomerKind of(String id) {
    for (CustomerKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw DomainException.invalid("invalid-customer-kind", "Customer kind must be private or business, got " + id);
  }
}
