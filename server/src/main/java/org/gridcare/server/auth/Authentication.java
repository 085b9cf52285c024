package org.gridcare.server.auth;

import java.util.Map;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gridcare.config.AuthConfig;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Use cases: sign in (with lockout), resolve a token, sign out, manage users. */
public final class Authentication {
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
  private final Vertx vertx;
  private final PgUsers users;
  private final RedisSessions sessions;
  private final AuthConfig config;
  private final Audit audit;

  public Authentication(Vertx vertx, PgUsers users, RedisSessions sessions, AuthConfig config, Audit audit) {
    this.vertx = vertx;
    this.audit = audit;
    this.users = users;
    this.sessions = sessions;
    this.config = config;
  }

  public Future<RedisSessions.Session> login(String username, String password) {
    return users.find(username).compose(found -> {
      UserAccount account = found.orElse(null);
      if (account != null && account.lockedUntil() != null && account.lockedUntil().isAfter(Instant.now())) {
        LOG.warn("login refused for {}: locked until {}", username, account.lockedUntil());
        return Future.failedFuture(new DomainException(ErrorKind.UNAVAILABLE, "account-locked",
            "Too many failed logins; try again after " + account.lockedUntil()));
      }
      String hash = account == null ? null : account.passwordHash();
      return vertx.executeBlocking(() -> Passwords.verify(password, hash)).compose(ok -> {
        if (!ok || account.disabled()) {
          LOG.info("login failed for {}", username);
          Future<Void> count = account == null ? Future.succeededFuture()
              : users.recordFailure(username, config.maxFailedLogins(), Instant.now().plus(config.lockout()));
          return count.compose(v -> Future.failedFuture(
              new DomainException(ErrorKind.UNAUTHENTICATED, "bad-credentials", "Wrong username or password")));
        }
        return users.recordSuccess(username).compose(v -> sessions.open(account.identity()));
      });
    });
  }

  public Future<Optional<Identity>> identify(String token) {
    return sessions.find(token);
  }

  public Future<Void> logout(String token) {
    return sessions.close(token);
  }

  /** Adds a user; {@code actor} (who did it) goes into the access audit. */
  public Future<UserAccount> addUser(String actor, Identity identity, String password) {
    if (password.length() < 10) {
      return Future.failedFuture(DomainException.invalid("weak-password", "A password needs at least 10 characters"));
    }
    return vertx.executeBlocking(() -> Passwords.hash(password))
        .compose(hash -> users.add(identity, hash))
        .compose(account -> audit.record(AuditEntry.of(actor, "user.added", "user", identity.username())
                .details(Map.of("roles", String.join(",", identity.roles().stream().map(Role::id).sorted().toList()))))
            .map(account));
  }

  public Future<List<UserAccount>> listUsers() {
    return users.list();
  }

  public Future<Void> disableUser(String actor, String username) {
    return users.disable(username)
        .compose(v -> sessions.closeAll(username))
        .compose(v -> audit.record(AuditEntry.of(actor, "user.disabled", "user", username)));
  }
}
