package org.gridcare.ivr.domain;

import java.util.List;

/** Collects problems for one node, prefixing each field with {@code nodes.<id>.}. */
public final class NodeChecks {
  private final String prefix;
  private final List<MenuProblem> problems;

  NodeChecks(String nodeId, List<MenuProblem> problems) {
    this.prefix = "nodes." + nodeId + ".";
    this.problems = problems;
  }

  public void add(String field, String problem) {
    problems.add(new MenuProblem(prefix + field, problem));
  }

  public void required(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(field, "missing required value");
    }
  }

  /** Adds the problem unless {@code ok}; returns {@code ok}. */
  public boolean check(boolean ok, String field, String problem) {
    if (!ok) {
      add(field, problem);
    }
    return ok;
  }

  /** Keys the caller can press to choose: one of 0-9 or #; {@code *} is reserved for "repeat". */
  public void digitKey(String field, String key) {
    if (key == null || !key.matches("[0-9#]")) {
      add(field, "bad digit key \"" + key + "\": use one of 0-9 or # (* repeats the prompt)");
    }
  }
}
