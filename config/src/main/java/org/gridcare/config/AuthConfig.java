package org.gridcare.config;

import java.time.Duration;

/** API sessions and login protection. */
public record AuthConfig(Duration tokenTtl, Integer maxFailedLogins, Duration lockout) {
  public AuthConfig {
    tokenTtl = tokenTtl == null ? Duration.ofHours(9) : tokenTtl;
    maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
    lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
  }

  public static AuthConfig defaults() {
    return new AuthConfig(null, null, null);
  }

  void validate(Problems p) {
    p.check(tokenTtl.compareTo(Duration.ofMinutes(1)) >= 0, "auth.token-ttl", "must be at least 1m");
    p.check(maxFailedLogins > 0, "auth.max-failed-logins", "must be positive");
  }
}
