package org.gridcare.config;

import java.util.List;
import java.util.Map;

/**
 * An operator known at start (the shipped demo staff; more are added through the API). {@code skills} maps a skill
 * to a proficiency level 1 (learning) .. 5 (expert). {@code endpoint} is the softphone, e.g. {@code PJSIP/op1001}.
 */
public record OperatorConfig(String id, String name, String endpoint, List<Integer> lines, Map<String, Integer> skills) {
  public OperatorConfig {
    lines = lines == null ? List.of() : List.copyOf(lines);
    skills = skills == null ? Map.of() : Map.copyOf(skills);
  }

  void validate(Problems p, String key) {
    p.required(key + ".id", id);
    p.required(key + ".endpoint", endpoint);
    p.check(!lines.isEmpty(), key + ".lines", "must name at least one line");
    skills.forEach((skill, level) -> p.check(level != null && level >= 1 && level <= 5,
        key + ".skills." + skill, "proficiency must be 1..5, got " + level));
  }
}
