package org.gridcare.config;

/**
 * A topic callers choose (outage, hazard, meter reading...): the queue of {@code line} it lands in, the skill an
 * operator needs and the base priority (higher is served first). {@code hazard: true} means danger to life.
 */
public record TopicConfig(String id, String name, Integer line, String skill, Integer priority, Boolean hazard) {
  public TopicConfig {
    skill = skill == null ? id : skill;
    priority = priority == null ? 0 : priority;
    hazard = hazard != null && hazard;
  }

  void validate(Problems p, String key) {
    p.required(key + ".id", id);
    p.required(key + ".line", line);
    if (id != null) {
      p.check(id.matches("[a-z][a-z0-9-]*"), key + ".id", "must be lower-case letters, digits and dashes, got " + id);
    }
  }
}
