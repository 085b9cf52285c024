package org.gridcare.ivr.domain;

import java.util.Map;

/**
 * Hands the caller to the ACD: the queue of {@code line} with {@code topic} and {@code priority} ({@code hazard}
 * marks danger to life). Line, priority and hazard default to the topic's. When the line is closed the caller goes
 * to {@code whenClosed} (typically voicemail); when the hand-off fails, to {@code onError}.
 */
public record TransferNode(String id, String prompt, String topic, Integer line, Integer priority, Boolean hazard,
    String whenClosed, String onError) implements Node {

  @Override
  public String kind() {
    return "transfer";
  }

  @Override
  public Map<String, String> exits() {
    return Fields.of("when-closed", whenClosed, "on-error", onError);
  }

  @Override
  public Map<String, String> prompts() {
    return Fields.of("prompt", prompt);
  }

  /** The route with the node's overrides applied to the topic's defaults. */
  public MenuCatalogue.TopicRoute route(MenuCatalogue.TopicRoute topicDefaults) {
    return new MenuCatalogue.TopicRoute(topic,
        line != null ? line : topicDefaults.line(),
        priority != null ? priority : topicDefaults.priority(),
        hazard != null ? hazard : topicDefaults.hazard());
  }

  @Override
  public void check(NodeChecks c, MenuCatalogue catalogue) {
    c.required("topic", topic);
    if (topic != null && !catalogue.topics().containsKey(topic)) {
      c.add("topic", "unknown topic \"" + topic + "\" (topics: " + catalogue.topics().keySet().stream().sorted().toList() + ")");
    }
    if (line != null && !catalogue.lines().contains(line)) {
      c.add("line", "line " + line + " does not exist (lines: " + catalogue.lines().stream().sorted().toList() + ")");
    }
    if (priority != null) {
      c.check(priority >= 0 && priority <= 1000, "priority", "must be between 0 and 1000, got " + priority);
    }
  }
}
