package org.gridcare.ivr.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a menu may refer to: the actions the engine offers (with their outcomes and the variables they set), the
 * topics callers can be transferred with, the support lines and the languages of the centre.
 */
public record MenuCatalogue(Map<String, ActionSpec> actions, Map<String, TopicRoute> topics, Set<Integer> lines,
    List<String> languages) {

  public MenuCatalogue {
    actions = Map.copyOf(actions);
    topics = Map.copyOf(topics);
    lines = Set.copyOf(lines);
    languages = List.copyOf(languages);
  }

  /**
   * An action's possible outcomes (every action can also end in {@code error}), the variables it reads, the
   * variables it sets for later prompts, the outcomes that complete the caller's request in the IVR, and the
   * phrases (menu {@code phrases.<language>.<key>}) it words those variables with.
   */
  public record ActionSpec(Set<String> outcomes, Set<String> inputs, Set<String> outputs, Set<String> served,
      Set<String> phrases) {
    public static final String ERROR = "error";

    public ActionSpec {
      outcomes = Set.copyOf(outcomes);
      inputs = Set.copyOf(inputs);
      outputs = Set.copyOf(outputs);
      served = Set.copyOf(served);
      phrases = Set.copyOf(phrases);
    }

    public ActionSpec(Set<String> outcomes, Set<String> inputs, Set<String> outputs, Set<String> served) {
      this(outcomes, inputs, outputs, served, Set.of());
    }

    public ActionSpec(Set<String> outcomes, Set<String> inputs, Set<String> outputs) {
      this(outcomes, inputs, outputs, Set.of());
    }
  }

  /** Where a topic's callers queue: the line, base priority and whether it is danger to life. */
  public record TopicRoute(String topic, int line, int priority, boolean hazard) {}
}
