package org.gridcare.ivr.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

  @Test
  void fillsPlaceholdersAndLeavesUnknownOnesEmpty() {
    String text = "Hello {customer.name}, power is back at {outage.restoration}{missing}.";
    assertThat(Variables.placeholders(text)).containsExactly("customer.name", "outage.restoration", "missing");
    assertThat(Variables.fill(text, Map.of("customer.name", "Anna $1 Berg", "outage.restoration", "13:00")))
        .isEqualTo("Hello Anna $1 Berg, power is back at 13:00.");
    assertThat(Variables.isStatic(text)).isFalse();
    assertThat(Variables.isStatic("Goodbye.")).isTrue();
  }

  @Test
  void variableNamesAreLowerCaseDottedWords() {
    assertThat(Variables.isName("application.next-step")).isTrue();
    assertThat(Variables.isName("Customer")).isFalse();
    assertThat(Variables.isName("a..b")).isFalse();
  }
}
