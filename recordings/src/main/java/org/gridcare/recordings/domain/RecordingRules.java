package org.gridcare.recordings.domain;

import java.util.List;

/**
 * Which calls are recorded: the first rule matching the call's line, direction and topic decides; no rule matching
 * (or no rules) means record. A rule field left null matches anything; a rule naming a line or topic the call does
 * not know yet does not match.
 */
public record RecordingRules(List<Rule> rules) {
  public RecordingRules {
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  public record Rule(Integer line, Direction direction, String topic, boolean record) {
    boolean matches(CallFacts call) {
      return (line == null || line.equals(call.line()))
          && (direction == null || direction == call.direction())
          && (topic == null || topic.equals(call.topic()));
    }
  }

  /** What is known about a call when its recording would start. */
  public record CallFacts(Integer line, Direction direction, String topic) {}

  public boolean shouldRecord(CallFacts call) {
    for (Rule r : rules) {
      if (r.matches(call)) {
        return r.record();
      }
    }
    return true;
  }
}
