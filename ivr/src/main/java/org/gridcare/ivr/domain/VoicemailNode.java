package org.gridcare.ivr.domain;

import java.time.Duration;
import java.util.Map;

/**
 * Records a message after the tone (up to {@code maxLength}, ended by a key or silence) that becomes a call-back
 * ticket on {@code topic} with the recording attached, then goes to {@code next}.
 */
public record VoicemailNode(String id, String prompt, Duration maxLength, String topic, String next) implements Node {
  public static final Duration DEFAULT_MAX_LENGTH = Duration.ofMinutes(2);

  public VoicemailNode {
    maxLength = maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
  }

  @Override
  public String kind() {
    return "voicemail";
  }

  @Override
  public Map<String, String> exits() {
    return Fields.of("next", next);
  }

  @Override
  public Map<String, String> prompts() {
    return Fields.of("prompt", prompt);
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {
    c.required("prompt", prompt);
    c.required("topic", topic);
    c.required("next", next);
    c.check(maxLength.compareTo(Duration.ofSeconds(5)) >= 0 && maxLength.compareTo(Duration.ofMinutes(10)) <= 0,
        "max-length", "must be between 5s and 10m, got " + maxLength);
  }
}
