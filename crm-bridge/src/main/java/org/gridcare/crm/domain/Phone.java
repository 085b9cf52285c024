package org.gridcare.crm.domain;

import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.Masking;

/**
 * A customer's phone number in E.164, whether it can take SMS, and whether the customer agreed to be notified
 * about outages on it.
 */
public record Phone(String e164, boolean mobile, boolean notifyConsent) {
  public Phone {
    if (e164 == null || !e164.matches("\\+[1-9]\\d{6,14}")) {
      throw DomainException.invalid("invalid-phone-number", "Not an E.164 number: " + Masking.text(e164));
    }
  }

  public String masked() {
    return Masking.phone(e164);
  }

  @Override
  public String toString() {
    return "Phone[" + masked() + (mobile ? " mobile" : "") + (notifyConsent ? " consent" : "") + "]";
  }
}
