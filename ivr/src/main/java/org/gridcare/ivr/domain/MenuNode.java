package org.gridcare.ivr.domain;

import java.time.Duration;
import java.util.Map;

/** Plays a prompt and waits for one key; each key in {@code options} leads to a node, {@code *} repeats. */
public record MenuNode(String id, String prompt, Map<String, String> options, Integer tries, Duration timeout,
    String onFail, String invalidPrompt) implements Node, InputNode {

  public MenuNode {
    options = Fields.copy(options);
  }

  @Override
  public String kind() {
    return "menu";
  }

  @Override
  public Map<String, String> exits() {
    return Fields.withAll(Fields.of("on-fail", onFail), "options.", options);
  }

  @Override
  public Map<String, String> prompts() {
    return Fields.of("prompt", prompt, "invalid-prompt", invalidPrompt);
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {
    c.required("prompt", prompt);
    c.check(!options.isEmpty(), "options", "a menu needs at least one option");
    options.keySet().forEach(k -> c.digitKey("options." + k, k));
    Checks.retries(c, tries, timeout);
  }
}
