package org.gridcare.ivr.domain;

import java.time.Duration;
import java.util.Map;

/**
 * Lets the caller choose the language of the prompts: {@code options} maps a key to a language. No input keeps the
 * current language and goes on; an invalid key re-prompts.
 */
public record LanguageNode(String id, String prompt, Map<String, String> options, String next, Integer tries,
    Duration timeout, String onFail, String invalidPrompt) implements Node, InputNode {

  public LanguageNode {
    options = Fields.copy(options);
  }

  @Override
  public String kind() {
    return "language";
  }

  @Override
  public Map<String, String> exits() {
    return Fields.of("next", next, "on-fail", onFail);
  }

  @Override
  public Map<String, String> prompts() {
    return Fields.of("prompt", prompt, "invalid-prompt", invalidPrompt);
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {
    c.required("prompt", prompt);
    c.required("next", next);
    c.check(!options.isEmpty(), "options", "a language choice needs at least one option");
    options.forEach((k, lang) -> {
      c.digitKey("options." + k, k);
      c.check(catalogue.languages().contains(lang), "options." + k,
          "unknown language \"" + lang + "\" (languages: " + catalogue.languages() + ")");
    });
    Checks.retries(c, tries, timeout);
  }
}
