package org.gridcare.crm.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gridcare.platform.domain.DomainException;

/**
 * A correction of a customer's master data (the data subject's right to rectification): a new name, phones to add
 * and remove (E.164), a new postal address. Fields left null are not changed; the grid place of a corrected address
 * is the old one unless given. {@code version} is the version the corrector saw.
 */
public record Rectification(int version, String name, List<Phone> addPhones, List<String> removePhones,
    AddressCorrection address, String reason) {

  public Rectification {
    addPhones = List.copyOf(addPhones == null ? List.of() : addPhones);
    removePhones = List.copyOf(removePhones == null ? List.of() : removePhones);
    if (name != null) {
      name = name.strip();
      if (name.isEmpty() || name.length() > 200) {
        throw DomainException.invalid("invalid-name", "name: 1 to 200 characters");
      }
    }
    if (reason == null || reason.isBlank()) {
      throw DomainException.invalid("reason-required", "reason: say why the data is corrected");
    }
    Set<String> added = new LinkedHashSet<>();
    for (Phone p : addPhones) {
      if (!added.add(p.e164())) {
        throw DomainException.invalid("invalid-phones", "phones.add: a number is given twice");
      }
      if (removePhones.contains(p.e164())) {
        throw DomainException.invalid("invalid-phones", "phones: a number is both added and removed");
      }
    }
    if (name == null && addPhones.isEmpty() && removePhones.isEmpty() && address == null) {
      throw DomainException.invalid("nothing-to-rectify", "Give at least one of name, phones, address");
    }
  }

  /** The fields this correction changes, for the audit and the journal (names only, never values). */
  public List<String> fields() {
    List<String> out = new ArrayList<>();
    if (name != null) {
      out.add("name");
    }
    if (!addPhones.isEmpty() || !removePhones.isEmpty()) {
      out.add("phones");
    }
    if (address != null) {
      out.add("address");
    }
    return out;
  }

  /** A corrected postal address; a null grid keeps the customer's current grid place. */
  public record AddressCorrection(String street, String postcode, String city, GridLocation grid) {
    public AddressCorrection {
      if (street == null || street.isBlank()) {
        throw DomainException.invalid("invalid-address", "address.street: required");
      }
      if (postcode == null || !postcode.matches("\\d{4,5}")) {
        throw DomainException.invalid("invalid-postcode", "address.postcode: 4 or 5 digits");
      }
      if (city == null || city.isBlank()) {
        throw DomainException.invalid("invalid-address", "address.city: required");
      }
    }

    public Address applyTo(Address current) {
      return new Address(street.strip(), postcode, city.strip(), grid == null ? current.grid() : grid);
    }
  }
}
