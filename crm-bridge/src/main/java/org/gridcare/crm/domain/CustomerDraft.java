package org.gridcare.crm.domain;

import java.util.List;
import java.util.Objects;
import org.gridcare.platform.domain.DomainException;

/** A customer to register: everything validated on construction (phones already in E.164). */
public record CustomerDraft(
    CustomerKind kind, String name, PartyIdentity identity, List<Phone> phones, Address address,
    List<MeteringPoint> meteringPoints) {

  public CustomerDraft {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank() || name.length() > 200) {
      throw DomainException.invalid("invalid-name", "A customer needs a name of 1..200 characters");
    }
    name = name.strip();
    if (identity == null || identity.kind() != kind) {
      throw DomainException.invalid("identity-kind-mismatch",
          "A " + kind.id() + " customer needs a " + (kind == CustomerKind.PRIVATE ? "national ID" : "organisation number"));
    }
    Objects.requireNonNull(address, "address");
    phones = phones == null ? List.of() : List.copyOf(phones);
    meteringPoints = meteringPoints == null ? List.of() : List.copyOf(meteringPoints);
    if (phones.stream().map(Phone::e164).distinct().count() != phones.size()) {
      throw DomainException.invalid("duplicate-phone", "The same phone number is listed twice");
    }
  }
}
