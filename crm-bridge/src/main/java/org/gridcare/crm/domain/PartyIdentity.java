package org.gridcare.crm.domain;

import java.util.Objects;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.Identifiers;
import org.gridcare.platform.domain.Masking;

/**
 * A national ID (private) or organisation number (business), validated with its check digits. It never prints
 * itself: {@link #toString} and {@link #masked} keep only the last two digits.
 */
public record PartyIdentity(CustomerKind kind, String value) {
  public PartyIdentity {
    Objects.requireNonNull(kind, "kind");
    value = value == null ? null : value.replaceAll("[\\s.-]", "");
    if (kind == CustomerKind.PRIVATE && !Identifiers.isNationalId(value)) {
      throw DomainException.invalid("invalid-national-id",
          "Not a valid national ID (11 digits, two mod-11 check digits): " + Masking.identifier(value));
    }
    if (kind == CustomerKind.BUSINESS && !Identifiers.isOrganisationNumber(value)) {
      throw DomainException.invalid("invalid-organisation-number",
          "Not a valid organisation number (9 digits, mod-11 check digit): " + Masking.identifier(value));
    }
  }

  public String masked() {
    return Masking.identifier(value);
  }

  public String lastTwo() {
    return value.substring(value.length() - 2);
  }

  @Override
  public String toString() {
    return "PartyIdentity[" + kind.id() + " " + masked() + "]";
  }
}
