package org.gridcare.crm.domain;

import org.gridcare.platform.domain.DomainException;

/** A postal address with its place on the grid. */
public record Address(String street, String postcode, String city, GridLocation grid) {
  public Address {
    if (street == null || street.isBlank()) {
      throw DomainException.invalid("invalid-address", "An address needs a street");
    }
    if (postcode == null || !postcode.matches("\\d{4,5}")) {
      throw DomainException.invalid("invalid-postcode", "A postcode is 4 or 5 digits, got " + postcode);
    }
  }
}
