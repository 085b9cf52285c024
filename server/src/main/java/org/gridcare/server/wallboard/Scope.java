package org.gridcare.server.wallboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gridcare.platform.domain.DomainException;

/**
 * The lines a signed-in user may watch and act on: admins every line; supervisors the lines in their principal, and
 * a line-1 supervisor also line 2 (seed 003 table 9: line-1 supervisors oversee the branch specialists too).
 */
public record Scope(boolean all, List<Integer> lines) {

  public static Scope of(JsonObject principal) {
    boolean admin = principal.getJsonArray("roles", new JsonArray()).contains("admin");
    java.util.Set<Integer> lines = new java.util.TreeSet<>();
    principal.getJsonArray("lines", new JsonArray()).forEach(l -> lines.add(((Number) l).intValue()));
    if (lines.contains(1)) {
      lines.add(2);
    }
    return new Scope(admin, List.copyOf(lines));
  }

  public boolean sees(Integer line) {
    return all || line != null && lines.contains(line);
  }

  /** An operator is in scope when any of their lines is. */
  public boolean seesAny(java.util.Collection<Integer> operatorLines) {
    return all || operatorLines.stream().anyMatch(lines::contains);
  }

  public void require(Integer line) {
    if (!sees(line)) {
      throw DomainException.forbidden("line-out-of-scope", "Line " + line + " is outside your lines");
    }
  }
}
