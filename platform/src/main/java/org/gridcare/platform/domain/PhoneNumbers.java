package org.gridcare.platform.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/** Normalises what callers, CSV files and operators type into E.164, with libphonenumber. */
public final class PhoneNumbers {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /** @param defaultRegion ISO 3166 region used for numbers without a country code, e.g. {@code NO} */
  public PhoneNumbers(String defaultRegion) {
    if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
      throw DomainException.invalid("unknown-region", "Unknown phone region: " + defaultRegion);
    }
    this.defaultRegion = defaultRegion;
  }

  /** E.164 form of a valid number, or empty when the input is not a valid number. */
  public Optional<String> normalise(String raw) {
    return parse(raw).map(n -> UTIL.format(n, PhoneNumberFormat.E164));
  }

  /** Like {@link #normalise} but fails with {@code invalid-phone-number}. */
  public String require(String raw) {
    return normalise(raw)
        .orElseThrow(() -> DomainException.invalid("invalid-phone-number", "Not a valid phone number: " + Masking.text(raw)));
  }

  /** True when the number can receive SMS (mobile, or a type that may be mobile). */
  public boolean isMobile(String e164) {
    return parse(e164)
        .map(UTIL::getNumberType)
        .map(t -> t == PhoneNumberType.MOBILE || t == PhoneNumberType.FIXED_LINE_OR_MOBILE)
        .orElse(false);
  }

  private Optional<Phonenumber.PhoneNumber> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      Phonenumber.PhoneNumber n = UTIL.parse(raw.strip(), defaultRegion);
      return UTIL.isValidNumber(n) ? Optional.of(n) : Optional.empty();
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }
}
