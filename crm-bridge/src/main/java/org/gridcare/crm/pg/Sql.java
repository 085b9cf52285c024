package org.gridcare.crm.pg;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.gridcare.platform.domain.DomainException;

/** Small conversions shared by the adapters: timestamps and the translation of database failures. */
final class Sql {
  private Sql() {}

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime t = row.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  /**
   * Unique violations on the named constraints become conflicts with the given ids; a broken connection becomes
   * {@code crm-unavailable}; domain failures pass through.
   */
  static <T> Future<T> translate(Throwable e, Map<String, DomainException> uniques) {
    if (e instanceof DomainException) {
      return Future.failedFuture(e);
    }
    if (e instanceof PgException pg) {
      if ("23505".equals(pg.getSqlState()) && pg.getConstraint() != null && uniques.containsKey(pg.getConstraint())) {
        return Future.failedFuture(uniques.get(pg.getConstraint()));
      }
      return Future.failedFuture(e);
    }
    return Future.failedFuture(DomainException.unavailable("crm-unavailable", "The CRM database is not reachable", e));
  }
}
