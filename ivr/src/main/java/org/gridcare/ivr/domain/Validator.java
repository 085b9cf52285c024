package org.gridcare.ivr.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import org.gridcare.platform.domain.Identifiers;

/** How collected digits are checked before the menu moves on; a wrong GSRN check digit is caught here, at once. */
public enum Validator {
  /** 18-digit metering-point id with its GS1 mod-10 check digit. */
  GSRN("gsrn"),
  /** The utility's customer number: digits only (length set on the node). */
  CUSTOMER_NUMBER("customer-number"),
  DIGITS("digits"),
  /** A calendar date typed as DDMMYYYY. */
  DATE("date");

  private final String key;

  Validator(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<Validator> parse(String key) {
    return Arrays.stream(values()).filter(v -> v.key.equals(key)).findFirst();
  }

  public boolean accepts(String input) {
    if (input == null || input.isEmpty() || !input.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    return switch (this) {
      case GSRN -> Identifiers.isGsrn(input);
      case CUSTOMER_NUMBER, DIGITS -> true;
      case DATE -> isDate(input);
    };
  }

  private static boolean isDate(String s) {
    if (s.length() != 8) {
      return false;
    }
    try {
      LocalDate.of(Integer.parseInt(s.substring(4)), Integer.parseInt(s.substring(2, 4)),
          Integer.parseInt(s.substring(0, 2)));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return key;
  }
}
