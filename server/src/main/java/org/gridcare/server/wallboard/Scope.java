package org.gridcare.server.wallboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gridcare.platform.domain.DomainException;

/**
 * The lines a signed-in user may watch and act on: admins every line, supervisors the lines in their principal
 * (a line-1 supervisor is given lines 1 and 2, seed 003 table 9).
 */
public record Scope(boolean all, List<Integer> lines) {

  public static Scope of(JsonObject principal) {
    boolean admin = principal.getJsonArray("roles", new JsonArray()).contains("admin");
    List<Integer> lines = principal.getJsonArray("lines", new JsonArray()).stream()
        .map(l -> ((Number) l).intValue()).toList();
    return new Scope(admin, lines);
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
