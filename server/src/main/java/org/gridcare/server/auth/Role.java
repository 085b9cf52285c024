package org.gridcare.server.auth;

import java.util.Locale;
import org.gridcare.platform.domain.DomainException;

/** What a user may do: operators ({@code agent}), {@code supervisor}s of their lines, {@code admin}s of everything. */
public enum Role {
  AGENT, SUPERVISOR, ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role of(String id) {
    for (Role r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    throw DomainException.invalid("unknown-role", "Unknown role " + id + " (agent, supervisor, admin)");
  }
}
