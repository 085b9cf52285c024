package org.gridcare.ivr.domain;

import java.util.Map;

/** Plays a prompt and goes on; a key in {@code shortcuts} pressed during the prompt jumps to its node instead. */
public record PlayNode(String id, String prompt, String next, Map<String, String> shortcuts) implements Node {
  public PlayNode {
    shortcuts = Fields.copy(shortcuts);
  }

  @Override
  public String kind() {
    return "play";
  }

  @Override
  public Map<String, String> exits() {
    return Fields.withAll(Fields.of("next", next), "shortcuts.", shortcuts);
  }

  @Override
  public Map<String, String> prompts() {
    return Fields.of("prompt", prompt);
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {
    c.required("prompt", prompt);
    c.required("next", next);
    shortcuts.keySet().forEach(k -> c.digitKey("shortcuts." + k, k));
  }
}
