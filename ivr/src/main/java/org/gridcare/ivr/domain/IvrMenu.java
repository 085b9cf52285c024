package org.gridcare.ivr.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A whole IVR menu: where calls start, where callers who give up on an input go ({@code operator}, a transfer
 * node), the defaults for input nodes, the prompt texts per language and the nodes by id.
 *
 * <p>Prompt sets: {@code prompts.<language>.<prompt id>} is the text. Every language a caller can be in (one with a
 * prompt set or offered by a language node) must define every prompt the nodes use, so a caller never hears another
 * language's text. {@code invalid} and {@code no-input} are played before a re-prompt.
 *
 * <p>Phrases: {@code phrases.<language>.<key>} are the words actions put into prompt variables (an outage's kind, a
 * time on another day, an application's stage): each action declares the keys it needs, and every language defines
 * the same keys.
 */
public record IvrMenu(String start, String operator, int tries, Duration timeout, String defaultLanguage,
    Map<String, Map<String, String>> prompts, Map<String, Map<String, String>> phrases, Map<String, Node> nodes) {

  public static final String INVALID_PROMPT = "invalid";
  public static final String NO_INPUT_PROMPT = "no-input";
  public static final int DEFAULT_TRIES = 3;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  public IvrMenu {
    Map<String, Map<String, String>> sets = new LinkedHashMap<>();
    if (prompts != null) {
      prompts.forEach((lang, set) -> sets.put(lang, Fields.copy(set)));
    }
    prompts = java.util.Collections.unmodifiableMap(sets);
    Map<String, Map<String, String>> words = new LinkedHashMap<>();
    if (phrases != null) {
      phrases.forEach((lang, set) -> words.put(lang, Fields.copy(set)));
    }
    phrases = java.util.Collections.unmodifiableMap(words);
    nodes = Fields.copy(nodes);
  }

  /** A menu without phrases (none of its actions needs any). */
  public IvrMenu(String start, String operator, int tries, Duration timeout, String defaultLanguage,
      Map<String, Map<String, String>> prompts, Map<String, Node> nodes) {
    this(start, operator, tries, timeout, defaultLanguage, prompts, Map.of(), nodes);
  }

  public Node node(String id) {
    Node n = nodes.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node " + id);
    }
    return n;
  }

  public int triesOf(InputNode n) {
    return n.tries() != null ? n.tries() : tries;
  }

  public Duration timeoutOf(InputNode n) {
    return n.timeout() != null ? n.timeout() : timeout;
  }

  public String onFailOf(InputNode n) {
    return n.onFail() != null ? n.onFail() : operator;
  }

  /** The prompt text in the language, falling back to the default language. */
  public Optional<String> promptText(String language, String promptId) {
    String text = prompts.getOrDefault(language, Map.of()).get(promptId);
    if (text == null) {
      text = prompts.getOrDefault(defaultLanguage, Map.of()).get(promptId);
    }
    return Optional.ofNullable(text);
  }

  /** A phrase in the language (validation makes every language define the same keys). */
  public Optional<String> phrase(String language, String key) {
    return Optional.ofNullable(phrases.getOrDefault(language, Map.of()).get(key));
  }

  public Set<String> languages() {
    return prompts.keySet();
  }

  /** The languages callers can be in: those with a prompt set and those a language node offers. */
  private Set<String> offeredLanguages(MenuCatalogue catalogue) {
    Set<String> langs = new java.util.TreeSet<>(prompts.keySet());
    for (Node n : nodes.values()) {
      if (n instanceof LanguageNode l) {
        l.options().values().stream().filter(catalogue.languages()::contains).forEach(langs::add);
      }
    }
    return langs;
  }

  /** Checks the menu as a whole: every problem names the node and field (or the top-level key). */
  public List<MenuProblem> problems(MenuCatalogue catalogue) {
    List<MenuProblem> problems = new ArrayList<>();
    if (nodes.isEmpty()) {
      problems.add(new MenuProblem("nodes", "a menu needs at least one node"));
    }
    if (start == null) {
      problems.add(new MenuProblem("start", "missing required value"));
    } else if (!nodes.containsKey(start)) {
      problems.add(new MenuProblem("start", "unknown node \"" + start + "\""));
    }
    if (operator == null) {
      problems.add(new MenuProblem("operator", "missing required value (the transfer node callers reach when they give up)"));
    } else if (!(nodes.get(operator) instanceof TransferNode)) {
      problems.add(new MenuProblem("operator", nodes.containsKey(operator)
          ? "node \"" + operator + "\" must be a transfer node" : "unknown node \"" + operator + "\""));
    }
    if (tries < 1 || tries > 10) {
      problems.add(new MenuProblem("tries", "must be between 1 and 10, got " + tries));
    }
    if (timeout.isNegative() || timeout.isZero()) {
      problems.add(new MenuProblem("timeout", "must be positive, got " + timeout));
    }
    checkPromptSets(problems, catalogue);
    Set<String> languages = offeredLanguages(catalogue);
    checkPhraseSets(problems, languages);
    Set<String> variables = knownVariables(catalogue);
    for (Node n : nodes.values()) {
      NodeChecks c = new NodeChecks(n.id(), problems);
      n.check(c, catalogue);
      n.exits().forEach((field, target) -> c.check(nodes.containsKey(target), field, "unknown next node \"" + target + "\""));
      n.prompts().forEach((field, prompt) -> {
        if (c.check(promptText(defaultLanguage, prompt).isPresent(), field,
            "missing prompt \"" + prompt + "\" in prompts." + defaultLanguage)) {
          List<String> lacking = languages.stream()
              .filter(lang -> !prompts.getOrDefault(lang, Map.of()).containsKey(prompt)).toList();
          c.check(lacking.isEmpty(), field, "prompt \"" + prompt + "\" has no text in "
              + lacking.stream().map(lang -> "prompts." + lang).toList() + " (a language callers can choose)");
        }
      });
      if (n instanceof BranchNode b && b.variable() != null) {
        c.check(variables.contains(b.variable()), "variable", "unknown variable \"" + b.variable() + "\" (known: "
            + variables.stream().sorted().toList() + ")");
      }
      if (n instanceof ActionNode a && catalogue.actions().containsKey(a.service())) {
        for (String input : catalogue.actions().get(a.service()).inputs()) {
          c.check(variables.contains(input), "service", "\"" + a.service() + "\" needs the variable \"" + input
              + "\", which no collect node sets");
        }
        for (String phrase : catalogue.actions().get(a.service()).phrases()) {
          List<String> lacking = languages.stream()
              .filter(lang -> !phrases.getOrDefault(lang, Map.of()).containsKey(phrase)).toList();
          c.check(lacking.isEmpty(), "service", "\"" + a.service() + "\" needs the phrase \"" + phrase + "\" in "
              + lacking.stream().map(lang -> "phrases." + lang).toList());
        }
      }
    }
    prompts.forEach((lang, set) -> set.forEach((id, text) -> {
      for (String v : Variables.placeholders(text)) {
        if (!variables.contains(v)) {
          problems.add(new MenuProblem("prompts." + lang + "." + id, "unknown variable {" + v + "} (known: "
              + variables.stream().sorted().toList() + ")"));
        }
      }
    }));
    return problems;
  }

  private void checkPromptSets(List<MenuProblem> problems, MenuCatalogue catalogue) {
    if (!prompts.containsKey(defaultLanguage)) {
      problems.add(new MenuProblem("default-language", "no prompt set prompts." + defaultLanguage));
      return;
    }
    for (String lang : prompts.keySet()) {
      if (!catalogue.languages().contains(lang)) {
        problems.add(new MenuProblem("prompts." + lang, "language \"" + lang + "\" is not one of the centre's languages "
            + catalogue.languages() + " (locale.languages)"));
      }
    }
    for (String lang : offeredLanguages(catalogue)) {
      for (String required : List.of(INVALID_PROMPT, NO_INPUT_PROMPT)) {
        if (!prompts.getOrDefault(lang, Map.of()).containsKey(required)) {
          problems.add(new MenuProblem("prompts." + lang + "." + required, "missing prompt (played before a re-prompt)"));
        }
      }
    }
  }

  /** Every language defines the same phrase keys (the keys an action needs are checked at its node). */
  private void checkPhraseSets(List<MenuProblem> problems, Set<String> languages) {
    Set<String> keys = new java.util.TreeSet<>();
    phrases.values().forEach(set -> keys.addAll(set.keySet()));
    for (String lang : phrases.keySet()) {
      if (!languages.contains(lang)) {
        problems.add(new MenuProblem("phrases." + lang, "language \"" + lang + "\" has no prompt set"));
      }
    }
    for (String lang : languages) {
      for (String key : keys) {
        if (!phrases.getOrDefault(lang, Map.of()).containsKey(key)) {
          problems.add(new MenuProblem("phrases." + lang + "." + key, "missing phrase (other languages define it)"));
        }
      }
    }
  }

  private Set<String> knownVariables(MenuCatalogue catalogue) {
    Set<String> vars = new HashSet<>();
    vars.add(Variables.LANGUAGE);
    for (Node n : nodes.values()) {
      if (n instanceof CollectNode c && c.into() != null) {
        vars.add(c.into());
      }
      if (n instanceof ActionNode a && catalogue.actions().containsKey(a.service())) {
        vars.addAll(catalogue.actions().get(a.service()).outputs());
      }
    }
    return vars;
  }
}
