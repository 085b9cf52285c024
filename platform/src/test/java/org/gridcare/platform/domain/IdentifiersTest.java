package org.gridcare.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

  @ParameterizedTest
  @ValueSource(strings = {"01010000110", "15076500050", "41018030037"}) // last is a D-number (day + 40)
  void acceptsNationalIdsWithBothCheckDigitsRight(String id) {
    assertThat(Identifiers.isNationalId(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"01010000111", "15076500060", "1507650005", "1507650005a", ""})
  void rejectsNationalIdsWithAWrongDigitOrLength(String id) {
    assertThat(Identifiers.isNationalId(id)).isFalse();
  }

  @Test
  void validatesOrganisationNumbers() {
    assertThat(Identifiers.isOrganisationNumber("923609016")).isTrue(); // Equinor ASA
    assertThat(Identifiers.isOrganisationNumber("923609017")).isFalse();
  }

  @Test
  void validatesGsrnCheckDigitAndCatchesAnySingleWrongDigit() {
    String first17 = "70705700000012345";
    String gsrn = first17 + Identifiers.gs1CheckDigit(first17);
    assertThat(Identifiers.isGsrn(gsrn)).isTrue();
    for (int i = 0; i < 18; i++) {
      char wrong = (char) ('0' + (gsrn.charAt(i) - '0' + 1) % 10);
      String typo = gsrn.substring(0, i) + wrong + gsrn.substring(i + 1);
      assertThat(Identifiers.isGsrn(typo)).as("typo at %d", i).isFalse();
    }
  }
}
