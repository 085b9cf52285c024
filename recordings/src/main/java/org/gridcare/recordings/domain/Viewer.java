package org.gridcare.recordings.domain;

import java.util.List;
import java.util.Set;
import org.gridcare.platform.domain.DomainException;

/**
 * Who asks for recordings, and what they may hear: operators their own calls, supervisors the calls of their lines,
 * admins everything. Everyone else nothing.
 */
public record Viewer(String username, Set<String> roles, List<Integer> lines) {
  public Viewer {
    roles = Set.copyOf(roles);
    lines = List.copyOf(lines);
  }

  public boolean admin() {
    return roles.contains("admin");
  }

  public boolean supervisor() {
    return roles.contains("supervisor");
  }

  public boolean agent() {
    return roles.contains("agent");
  }

  public boolean mayHear(Recording r) {
    return admin()
        || (supervisor() && r.line() != null && lines.contains(r.line()))
        || (agent() && username.equals(r.operator()));
  }

  public void requireHear(Recording r) {
    if (!mayHear(r)) {
      throw DomainException.forbidden("recording-forbidden",
          "You may hear your own calls (operators) or your lines' calls (supervisors), not recording " + r.id());
    }
  }

  public void requireAdmin(String what) {
    if (!admin()) {
      throw DomainException.forbidden("admin-only", "Only an administrator may " + what);
    }
  }
}
