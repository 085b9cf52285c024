package org.gridcare.acd.domain;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Who an operator is for routing: the lines they belong to and skill proficiency 1 (learning) .. 5 (expert). */
public record Operator(String id, String name, String endpoint, Set<Integer> lines, Map<String, Integer> skills) {
  public Operator {
    Objects.requireNonNull(id, "id");
    lines = Set.copyOf(lines);
    skills = Map.copyOf(skills);
  }

  /** Proficiency in {@code skill}, 0 when the operator does not hold it. */
  public int level(String skill) {
    return skills.getOrDefault(skill, 0);
  }

  public boolean serves(int line) {
    return lines.contains(line);
  }
}
