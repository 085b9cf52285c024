package org.gridcare.storage.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.TreeMap;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;

/**
 * The audit in PostgreSQL. Appends are serialised by a transaction-scoped advisory lock so the chain has one order;
 * verification streams the table in id order from the newest retention checkpoint and recomputes every hash.
 */
public final class PgAudit implements Audit {
  static final String GENESIS = "0".repeat(64);
  private static final long CHAIN_LOCK = 0x6175646974L; // "audit"
  private final Pool pool;

  public PgAudit(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> record(AuditEntry e) {
    Instant at = e.at().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps, so verify hashes the same value
    JsonObject details = new JsonObject(new TreeMap<>(e.details()));
    return pool.withTransaction(tx -> tx.query("SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")").execute()
        .compose(x -> tx.query("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").execute())
        .compose(rows -> {
          String prev = rows.size() == 0 ? GENESIS : rows.iterator().next().getString("hash");
          String hash = hash(prev, at, e.actor(), e.action(), e.subjectType(), e.subjectId(), e.reason(), details);
          return tx.preparedQuery("INSERT INTO audit (at, actor, action, subject_type, subject_id, reason, details, "
                  + "prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
              .execute(Tuple.from(new Object[] {at.atOffset(ZoneOffset.UTC), e.actor(), e.action(), e.subjectType(),
                  e.subjectId(), e.reason(), details, prev, hash}));
        })
        .mapEmpty());
  }

  @Override
  public Future<Verification> verify() {
    return pool.query("SELECT through_id, through_hash FROM audit_checkpoint ORDER BY id DESC LIMIT 1").execute()
        .compose(cp -> {
          Row c = cp.size() == 0 ? null : cp.iterator().next();
          long after = c == null ? 0 : c.getLong("through_id");
          String start = c == null ? GENESIS : c.getString("through_hash");
          return pool.preparedQuery("SELECT * FROM audit WHERE id > $1 ORDER BY id").execute(Tuple.of(after))
              .map(rows -> verify(rows, start));
        });
  }

  private static Verification verify(Iterable<Row> rows, String start) {
    String prev = start;
    long n = 0;
    for (Row r : rows) {
      n++;
      long id = r.getLong("id");
      if (!r.getString("prev_hash").equals(prev)) {
        return new Verification(false, n, id, "entry " + id + " does not follow the previous entry (one was removed or inserted)");
      }
      JsonObject details = new JsonObject(new TreeMap<>(r.getJsonObject("details").getMap()));
      String expected = hash(prev, r.getOffsetDateTime("at").toInstant(), r.getString("actor"), r.getString("action"),
          r.getString("subject_type"), r.getString("subject_id"), r.getString("reason"), details);
      if (!expected.equals(r.getString("hash"))) {
        return new Verification(false, n, id, "entry " + id + " was modified");
      }
      prev = expected;
    }
    return new Verification(true, n, null, null);
  }

  @Override
  public Future<Purge> purgeBefore(Instant cutoff) {
    OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
    return pool.withTransaction(tx -> tx.query("SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")").execute()
        .compose(x -> tx.preparedQuery("SELECT id, hash FROM audit WHERE id = (SELECT max(id) FROM audit WHERE at < $1)")
            .execute(Tuple.of(before)))
        .compose(last -> {
          if (last.size() == 0) {
            return Future.succeededFuture(new Purge(0, null));
          }
          Row l = last.iterator().next();
          long through = l.getLong("id");
          return tx.preparedQuery("SELECT count(*) AS n, min(at) AS oldest FROM audit WHERE id <= $1")
              .execute(Tuple.of(through))
              .map(c -> c.iterator().next())
              .map(r -> new Purge(r.getLong("n"), r.getOffsetDateTime("oldest").toInstant()))
              .compose(purge -> tx.preparedQuery("DELETE FROM audit WHERE id <= $1").execute(Tuple.of(through))
                  .compose(d -> tx.preparedQuery("INSERT INTO audit_checkpoint (through_id, through_hash, purged, at) "
                      + "VALUES ($1, $2, $3, now())").execute(Tuple.of(through, l.getString("hash"), purge.entries())))
                  .map(purge));
        }));
  }

  static String hash(String prev, Instant at, String actor, String action, String subjectType, String subjectId,
      String reason, JsonObject details) {
    String content = String.join("\u001f", prev, at.toString(), actor, action, String.valueOf(subjectType),
        String.valueOf(subjectId), String.valueOf(reason), details.encode());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
