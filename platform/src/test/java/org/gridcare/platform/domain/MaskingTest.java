package org.gridcare.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

  @Test
  void phoneKeepsCountryCodeAndLastTwoDigits() {
    assertThat(Masking.phone("+4791234567")).isEqualTo("+47******67");
  }

  @Test
  void identifierKeepsOnlyLastTwoDigits() {
    assertThat(Masking.identifier("15076500565")).isEqualTo("*********65");
  }

  @Test
  void freeTextLosesEveryLongDigitRun() {
    String masked = Masking.text("caller +4791234567 with id 15076500565 pressed 12");
    assertThat(masked).doesNotContain("91234567").doesNotContain("15076500565").endsWith("pressed 12");
  }

  @Test
  void phoneNumbersNormaliseToE164() {
    PhoneNumbers numbers = new PhoneNumbers("NO");
    assertThat(numbers.normalise("912 34 567")).contains("+4791234567");
    assertThat(numbers.normalise("0047 912 34 567")).contains("+4791234567");
    assertThat(numbers.normalise("12")).isEmpty();
    assertThat(numbers.isMobile("+4791234567")).isTrue();
    assertThat(numbers.isMobile("+4722334455")).isFalse();
  }
}
