package org.gridcare.config;

import java.time.Duration;

/**
 * API sessions and login protection. {@code tokenTtl} is a session's absolute lifetime, {@code idleTimeout} ends it
 * earlier when unused. Login attempts are limited per account and per client address within {@code loginWindow}
 * (counted in Redis, so across server instances); {@code maxFailedLogins} wrong passwords lock the account for
 * {@code lockout} (an admin can unlock it earlier).
 */
public record AuthConfig(Duration tokenTtl, Duration idleTimeout, Integer maxFailedLogins, Duration lockout,
    Integer loginAttemptsPerAccount, Integer loginAttemptsPerIp, Duration loginWindow) {
  public AuthConfig {
    tokenTtl = tokenTtl == null ? Duration.ofHours(9) : tokenTtl;
    idleTimeout = idleTimeout == null ? Duration.ofMinutes(60) : idleTimeout;
    maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
    lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
    loginAttemptsPerAccount = loginAttemptsPerAccount == null ? 10 : loginAttemptsPerAccount;
    loginAttemptsPerIp = loginAttemptsPerIp == null ? 50 : loginAttemptsPerIp;
    loginWindow = loginWindow == null ? Duration.ofMinutes(15) : loginWindow;
  }

  public static AuthConfig defaults() {
    return new AuthConfig(null, null, null, null, null, null, null);
  }

  void validate(Problems p) {
    p.check(tokenTtl.compareTo(Duration.ofMinutes(1)) >= 0, "auth.token-ttl", "must be at least 1m");
    p.check(idleTimeout.compareTo(Duration.ofMinutes(1)) >= 0, "auth.idle-timeout", "must be at least 1m");
    p.check(idleTimeout.compareTo(tokenTtl) <= 0, "auth.idle-timeout", "must not be longer than auth.token-ttl");
    p.check(maxFailedLogins > 0, "auth.max-failed-logins", "must be positive");
    p.check(!lockout.isNegative() && !lockout.isZero(), "auth.lockout", "must be positive");
    p.check(loginAttemptsPerAccount > 0, "auth.login-attempts-per-account", "must be positive");
    p.check(loginAttemptsPerIp > 0, "auth.login-attempts-per-ip", "must be positive");
    p.check(loginWindow.compareTo(Duration.ofSeconds(1)) >= 0, "auth.login-window", "must be at least 1s");
  }
}
