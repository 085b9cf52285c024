package org.gridcare.notifications.app;

import java.util.Set;

/** Who asks: a supervisor sees the campaigns of their lines, an admin all. */
public record Supervisor(String username, Set<Integer> lines, boolean admin) {
  public Supervisor {
    lines = Set.copyOf(lines);
  }

  public boolean sees(int line) {
    return admin || lines.contains(line);
  }

  /** The lines whose campaigns they see; null for all. */
  public Set<Integer> scope() {
    return admin ? null : lines;
  }
}
