package org.gridcare.server.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridcare.platform.domain.DomainException;

/** Users in PostgreSQL (table {@code users}, migration V101). */
public final class PgUsers {
  private final Pool pool;

  public PgUsers(Pool pool) {
    this.pool = pool;
  }

  /** @param endpoint the user's own softphone ({@code PJSIP/...}), or null */
  public Future<UserAccount> add(Identity identity, String passwordHash, String endpoint) {
    return pool.preparedQuery(
            "INSERT INTO users (username, password_hash, roles, lines, endpoint) VALUES ($1, $2, $3, $4, $5) "
                + "ON CONFLICT (username) DO NOTHING RETURNING username")
        .execute(Tuple.of(identity.username(), passwordHash,
            identity.roles().stream().map(Role::id).sorted().toArray(String[]::new),
            identity.lines().toArray(Integer[]::new), endpoint))
        .map(rows -> {
          if (rows.size() == 0) {
            throw DomainException.conflict("username-taken", "A user named " + identity.username() + " exists");
          }
          return new UserAccount(identity, passwordHash, false, 0, null);
        });
  }

  public Future<Optional<UserAccount>> find(String username) {
    return pool.preparedQuery("SELECT * FROM users WHERE username = $1")
        .execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toAccount(rows.iterator().next())));
  }

  public Future<List<UserAccount>> list() {
    return pool.query("SELECT * FROM users ORDER BY username").execute().map(rows -> {
      List<UserAccount> out = new ArrayList<>();
      rows.forEach(r -> out.add(toAccount(r)));
      return out;
    });
  }

  /** The user's own softphone, if one is set. */
  public Future<Optional<String>> endpoint(String username) {
    return pool.preparedQuery("SELECT endpoint FROM users WHERE username = $1").execute(Tuple.of(username))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString("endpoint")));
  }

  /** Sets (null: clears) the user's own softphone. */
  public Future<Void> setEndpoint(String username, String endpoint) {
    return pool.preparedQuery("UPDATE users SET endpoint = $2 WHERE username = $1")
        .execute(Tuple.of(username, endpoint))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("no-such-user", "No user named " + username);
          }
          return null;
        });
  }

  public Future<Void> disable(String username) {
    return pool.preparedQuery("UPDATE users SET disabled = true WHERE username = $1")
        .execute(Tuple.of(username))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("no-such-user", "No user named " + username);
          }
          return null;
        });
  }

  /**
   * Counts a failed login; the {@code max}-th failure in a row locks the account until {@code lockUntil}. True when
   * this failure locked it.
   */
  public Future<Boolean> recordFailure(String username, int max, Instant lockUntil) {
    return pool.preparedQuery(
            "UPDATE users SET failed_logins = failed_logins + 1, "
                + "locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END WHERE username = $1 "
                + "RETURNING failed_logins")
        .execute(Tuple.of(username, max, OffsetDateTime.ofInstant(lockUntil, ZoneOffset.UTC)))
        .map(rows -> rows.size() > 0 && rows.iterator().next().getInteger("failed_logins") == max);
  }

  /** Lifts a lockout and forgets the failures. */
  public Future<Void> unlock(String username) {
    return pool.preparedQuery("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = $1")
        .execute(Tuple.of(username))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("no-such-user", "No user named " + username);
          }
          return null;
        });
  }

  public Future<Void> recordSuccess(String username) {
    return pool.preparedQuery("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = $1")
        .execute(Tuple.of(username))
        .mapEmpty();
  }

  private static UserAccount toAccount(Row r) {
    Set<Role> roles = new HashSet<>();
    for (String s : r.getArrayOfStrings("roles")) {
      roles.add(Role.of(s));
    }
    Integer[] lines = r.getArrayOfIntegers("lines");
    OffsetDateTime locked = r.getOffsetDateTime("locked_until");
    return new UserAccount(
        new Identity(r.getString("username"), roles, lines == null ? List.of() : Arrays.asList(lines)),
        r.getString("password_hash"),
        r.getBoolean("disabled"),
        r.getInteger("failed_logins"),
        locked == null ? null : locked.toInstant());
  }
}
