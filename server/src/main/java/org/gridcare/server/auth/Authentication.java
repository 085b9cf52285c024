package org.gridcare.server.auth;

import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridcare.config.AuthConfig;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Use cases: sign in (rate-limited, with lockout), resolve a token, sign out, manage users. */
public final class Authentication {
  private static final java.util.regex.Pattern ENDPOINT = java.util.regex.Pattern.compile("^PJSIP/[A-Za-z0-9_-]{1,40}$");
  private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);
  /** The actor of audit entries the login protection writes by itself. */
  static final String SYSTEM_ACTOR = "login-protection";
  private final Vertx vertx;
  private final PgUsers users;
  private final RedisSessions sessions;
  private final RedisLoginThrottle throttle;
  private final AuthConfig config;
  private final Audit audit;

  public Authentication(Vertx vertx, PgUsers users, RedisSessions sessions, RedisLoginThrottle throttle,
      AuthConfig config, Audit audit) {
    this.vertx = vertx;
    this.audit = audit;
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.config = config;
  }

  /** Users in PostgreSQL, sessions and login counters in Redis, as configured. */
  public static Authentication create(Vertx vertx, Pool pool, StatefulRedisConnection<String, String> redis,
      AuthConfig config, Audit audit) {
    return new Authentication(vertx, new PgUsers(pool),
        new RedisSessions(vertx, redis, config.tokenTtl(), config.idleTimeout(), Clock.systemUTC()),
        new RedisLoginThrottle(vertx, redis, config.loginAttemptsPerAccount(), config.loginAttemptsPerIp(),
            config.loginWindow()),
        config, audit);
  }

  /** Signs in from inside the process (benchmarks, tools): counted under the address {@code local}. */
  public Future<RedisSessions.Session> login(String username, String password) {
    return login(username, password, "local");
  }

  /** Signs in from the client address {@code address} (for the per-address limit). */
  public Future<RedisSessions.Session> login(String username, String password, String address) {
    return throttle.admit(username, address).compose(admitted -> users.find(username)).compose(found -> {
      UserAccount account = found.orElse(null);
      if (account != null && account.lockedUntil() != null && account.lockedUntil().isAfter(Instant.now())) {
        LOG.warn("login refused for {}: locked until {}", username, account.lockedUntil());
        return throttle.failed(address).compose(v -> Future.failedFuture(new DomainException(ErrorKind.UNAVAILABLE,
            "account-locked", "Too many failed logins; try again after " + account.lockedUntil())));
      }
      String hash = account == null ? null : account.passwordHash();
      return vertx.executeBlocking(() -> Passwords.verify(password, hash)).compose(ok -> {
        if (!ok || account.disabled()) {
          LOG.info("login failed for {}", username);
          Instant until = Instant.now().plus(config.lockout());
          Future<Boolean> locked = account == null ? Future.succeededFuture(false)
              : users.recordFailure(username, config.maxFailedLogins(), until);
          return throttle.failed(address)
              .compose(v -> locked)
              .compose(nowLocked -> nowLocked ? locked(username, address, until) : Future.succeededFuture())
              .compose(v -> Future.failedFuture(
                  new DomainException(ErrorKind.UNAUTHENTICATED, "bad-credentials", "Wrong username or password")));
        }
        return users.recordSuccess(username).compose(v -> sessions.open(account.identity()));
      });
    });
  }

  private Future<Void> locked(String username, String address, Instant until) {
    LOG.warn("account {} locked until {} after {} failed logins", username, until, config.maxFailedLogins());
    return audit.record(AuditEntry.of(SYSTEM_ACTOR, "user.locked", "user", username)
        .details(Map.of("failures", config.maxFailedLogins(), "until", until.toString(), "address", address)));
  }

  public Future<Optional<Identity>> identify(String token) {
    return sessions.find(token);
  }

  public Future<Void> logout(String token) {
    return sessions.close(token);
  }

  /** Adds a user; {@code actor} (who did it) goes into the access audit. */
  public Future<UserAccount> addUser(String actor, Identity identity, String password) {
    return addUser(actor, identity, password, null);
  }

  /** Adds a user with their own softphone ({@code PJSIP/...}, or null); audited. */
  public Future<UserAccount> addUser(String actor, Identity identity, String password, String endpoint) {
    if (endpoint != null && !ENDPOINT.matcher(endpoint).matches()) {
      return Future.failedFuture(DomainException.invalid("bad-endpoint", "A softphone is PJSIP/<name>, not " + endpoint));
    }
    if (password.length() < 10) {
      return Future.failedFuture(DomainException.invalid("weak-password", "A password needs at least 10 characters"));
    }
    return vertx.executeBlocking(() -> Passwords.hash(password))
        .compose(hash -> users.add(identity, hash, endpoint))
        .compose(account -> audit.record(AuditEntry.of(actor, "user.added", "user", identity.username())
                .details(Map.of("roles", String.join(",", identity.roles().stream().map(Role::id).sorted().toList()))))
            .map(account));
  }

  /** The user's own softphone (where listen / whisper / barge rings them), if set. */
  public Future<Optional<String>> endpoint(String username) {
    return users.endpoint(username);
  }

  /** Sets (null: clears) a user's own softphone; audited. */
  public Future<Void> setEndpoint(String actor, String username, String endpoint) {
    if (endpoint != null && !ENDPOINT.matcher(endpoint).matches()) {
      return Future.failedFuture(DomainException.invalid("bad-endpoint", "A softphone is PJSIP/<name>, not " + endpoint));
    }
    return users.setEndpoint(username, endpoint)
        .compose(v -> audit.record(AuditEntry.of(actor, "user.endpoint-set", "user", username)
            .details(Map.of("endpoint", endpoint == null ? "none" : endpoint))));
  }

  public Future<List<UserAccount>> listUsers() {
    return users.list();
  }

  public Future<Void> disableUser(String actor, String username) {
    return users.disable(username)
        .compose(v -> sessions.closeAll(username))
        .compose(v -> audit.record(AuditEntry.of(actor, "user.disabled", "user", username)));
  }

  /** Lifts a lockout and the account's login rate limit before they run out; audited. */
  public Future<Void> unlockUser(String actor, String username) {
    return users.unlock(username)
        .compose(v -> throttle.reset(username))
        .compose(v -> audit.record(AuditEntry.of(actor, "user.unlocked", "user", username)));
  }
}
