package org.gridcare.crm.domain;

import java.util.List;

/**
 * A registered customer as the contact centre sees it: the identity only masked (the full value is kept protected
 * by the storage adapter and never leaves it). {@code version} counts rectifications (optimistic concurrency).
 */
public record Customer(
    long id, String number, CustomerKind kind, String name, String identityMasked, List<Phone> phones,
    Address address, List<MeteringPoint> meteringPoints, int version) {

  public Customer {
    phones = List.copyOf(phones);
    meteringPoints = List.copyOf(meteringPoints);
  }

  /** A customer as first registered (version 0). */
  public Customer(long id, String number, CustomerKind kind, String name, String identityMasked, List<Phone> phones,
      Address address, List<MeteringPoint> meteringPoints) {
    this(id, number, kind, name, identityMasked, phones, address, meteringPoints, 0);
  }
}
