package org.gridcare.ivr.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidatorTest {

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
      "gsrn, 707057500000000018, true",
      "gsrn, 707057500000000017, false",   // wrong check digit
      "gsrn, 70705750000000001, false",    // 17 digits
      "gsrn, 7070575000000000181, false",
      "digits, 0042, true",
      "digits, 12a4, false",
      "customer-number, 100234, true",
      "date, 29022024, true",              // leap day
      "date, 29022025, false",
      "date, 31042026, false",
      "date, 2502026, false",
  })
  void checksWhatTheCallerTyped(String validator, String input, boolean accepted) {
    assertThat(Validator.parse(validator).orElseThrow().accepts(input)).isEqualTo(accepted);
  }

  @ParameterizedTest
  @CsvSource({"'', digits", "'*12', digits", "'12#', digits"})
  void emptyAndNonDigitInputIsNeverAccepted(String input, String validator) {
    assertThat(Validator.parse(validator).orElseThrow().accepts(input)).isFalse();
  }
}
