package org.gridcare.ivr.domain;

import java.util.Map;

/** Plays an optional goodbye and ends the call. */
public record HangUpNode(String id, String prompt) implements Node {
  @Override
  public String kind() {
    return "hangup";
  }

  @Override
  public Map<String, String> exits() {
    return Map.of();
  }

  @Override
  public Map<String, String> prompts() {
    return Fields.of("prompt", prompt);
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {}
}
