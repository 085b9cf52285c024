package org.gridcare.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Whoever logs a caller's number or national ID, neither log format writes it out. */
class MaskedLoggingTest {
  private final LoggerContext context = new LoggerContext();

  private LoggingEvent event(String pattern, Object... args) {
    return new LoggingEvent("test", context.getLogger("org.gridcare.test"), Level.INFO, pattern, null, args);
  }

  @Test
  void textFormatMasksPhoneNumbersAndNationalIds() {
    String line = new MaskedMessageConverter().convert(event("call from {} for customer {}", "+4791234567", "01010000110"));
    assertThat(line).doesNotContain("91234567").doesNotContain("01010000110").contains("call from");
  }

  @Test
  void jsonLinesAreValidJsonAndMasked() throws Exception {
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(context);
    String line = new String(encoder.encode(event("caller {} pressed 1", "+47 912 34 567")), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("logger").asText()).isEqualTo("org.gridcare.test");
    assertThat(json.get("message").asText()).contains("pressed 1").doesNotContain("912 34 567").doesNotContain("91234567");
  }
}
