package org.gridcare.recordings.pg;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.recordings.app.RecordingCatalog;
import org.gridcare.recordings.domain.AuditEntry;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.domain.RecordingQuery;
import org.gridcare.storage.journal.PgJournal;

/**
 * Recordings in PostgreSQL. Search builds one statement from the filters given, newest first with keyset paging,
 * each filter served by its own index ({@code V600}). Audit entries go to the shared hash-chained access audit
 * ({@code recording.listened}, subject {@code recording/<id>}) and then to the journal ({@code recordings.listened});
 * for holds, archiving and purges the audit entry is written first, so no change is ever made unaudited (a change
 * that then fails is retried and audited again).
 */
public final class PgRecordings implements RecordingCatalog {
  private static final String COLUMNS = "r.id, r.call_id, r.started_at, r.ended_at, r.direction, r.line, r.topic, r.operator_id, "
      + "r.customer_phone, r.customer_id, r.store_key, r.format, r.size_bytes, r.duration_ms, r.sha256, r.status, "
      + "r.legal_hold, ARRAY(SELECT t.ticket_id FROM rec_recording_ticket t WHERE t.recording_id = r.id "
      + "ORDER BY t.ticket_id) AS tickets";

  static final String SUBJECT = "recording";

  private final Pool pool;
  private final Audit accessAudit;

  public PgRecordings(Pool pool, Audit accessAudit) {
    this.pool = pool;
    this.accessAudit = accessAudit;
  }

  @Override
  public Future<Void> save(Recording r) {
    UUID id = UUID.fromString(r.id());
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO rec_recording (id, call_id, started_at, ended_at, "
                + "direction, line, topic, operator_id, customer_phone, customer_id, store_key, format, size_bytes, duration_ms, "
                + "sha256, status, legal_hold) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
                + "$17) "
                // A call's recording is saved once (the lifecycle may retry), except that one filed as missing gets
                // its file when the monitor sweep finds it later.
                + "ON CONFLICT (call_id) DO UPDATE SET store_key = EXCLUDED.store_key, size_bytes = EXCLUDED.size_bytes, "
                + "duration_ms = EXCLUDED.duration_ms, sha256 = EXCLUDED.sha256, status = EXCLUDED.status "
                + "WHERE rec_recording.status = 'missing' AND EXCLUDED.store_key IS NOT NULL")
            .execute(Tuple.from(new Object[] {id, r.callId(), ts(r.startedAt()), ts(r.endedAt()),
                r.direction().id(), r.line(), r.topic(), r.operator(), r.customerPhone(), r.customerId(), r.storeKey(), r.format(),
                r.sizeBytes(), r.durationMs(), r.sha256(), r.status().id(), r.legalHold()}))
            .compose(inserted -> {
              // Tickets the CRM linked while the call was live; only with the row this save created (or completed).
              Future<Void> chain = Future.succeededFuture();
              if (inserted.rowCount() == 1) {
                for (Long ticket : r.tickets()) {
                  chain = chain.compose(v -> link(tx, id, ticket, "crm", r.endedAt() == null ? r.startedAt() : r.endedAt()));
                }
              }
              return chain;
            }))
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<Optional<Recording>> byId(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(DomainException.invalid("invalid-recording-id", "Not a recording id: " + id));
    }
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM rec_recording r WHERE r.id = $1").execute(Tuple.of(uuid))
        .map(rows -> rows.size() == 0 ? Optional.<Recording>empty() : Optional.of(recording(rows.iterator().next())))
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<List<Recording>> search(RecordingQuery q) {
    List<String> where = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    if (q.from() != null) {
      args.add(ts(q.from()));
      where.add("r.started_at >= $" + args.size());
    }
    if (q.to() != null) {
      args.add(ts(q.to()));
      where.add("r.started_at < $" + args.size());
    }
    if (q.line() != null) {
      args.add(q.line());
      where.add("r.line = $" + args.size());
    }
    if (q.lines() != null) {
      args.add(q.lines().toArray(new Integer[0]));
      where.add("r.line = ANY($" + args.size() + ")");
    }
    if (q.operator() != null) {
      args.add(q.operator());
      where.add("r.operator_id = $" + args.size());
    }
    if (q.customerPhone() != null) {
      args.add(q.customerPhone());
      where.add("r.customer_phone = $" + args.size());
    }
    if (q.customerId() != null) {
      args.add(q.customerId());
      where.add("r.customer_id = $" + args.size());
    }
    if (q.ticket() != null) {
      args.add(q.ticket());
      where.add("r.id IN (SELECT recording_id FROM rec_recording_ticket WHERE ticket_id = $" + args.size() + ")");
    }
    if (q.direction() != null) {
      args.add(q.direction().id());
      where.add("r.direction = $" + args.size());
    }
    if (q.minDurationMs() != null) {
      args.add(q.minDurationMs());
      where.add("r.duration_ms >= $" + args.size());
    }
    if (q.before() != null) {
      args.add(ts(q.before()));
      int b = args.size();
      args.add(q.beforeId() == null ? new UUID(-1L, -1L) : UUID.fromString(q.beforeId()));
      where.add("(r.started_at, r.id) < ($" + b + ", $" + args.size() + ")");
    }
    args.add(q.limit());
    String sql = "SELECT " + COLUMNS + " FROM rec_recording r"
        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
        + " ORDER BY r.started_at DESC, r.id DESC LIMIT $" + args.size();
    return pool.preparedQuery(sql).execute(Tuple.from(args))
        .map(rows -> {
          List<Recording> out = new ArrayList<>();
          rows.forEach(r -> out.add(recording(r)));
          return out;
        })
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<Void> linkTicket(String recordingId, long ticket, String actor, Instant at) {
    AuditEntry audit = new AuditEntry(at, actor, AuditEntry.Action.LINKED, recordingId, null, Map.of("ticket", ticket));
    UUID id;
    try {
      id = UUID.fromString(recordingId);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(org.gridcare.platform.domain.DomainException.invalid("invalid-recording-id",
          "Not a recording id: " + recordingId));
    }
    return link(pool, id, ticket, actor, at)
        .compose(v -> audit(audit))
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<Boolean> linkTicketByCall(String callId, long ticket, String actor, Instant at) {
    return pool.preparedQuery("SELECT id FROM rec_recording WHERE call_id = $1")
        .execute(Tuple.of(callId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          UUID id = rows.iterator().next().getUUID(0);
          return link(pool, id, ticket, actor, at)
              .compose(v -> audit(new AuditEntry(at, actor, AuditEntry.Action.LINKED, id.toString(), null,
                  Map.of("ticket", ticket, "call", callId))))
              .map(true);
        })
        .recover(PgRecordings::translate);
  }

  private static Future<Void> link(SqlClient tx, UUID id, long ticket, String actor, Instant at) {
    return tx.preparedQuery("INSERT INTO rec_recording_ticket (recording_id, ticket_id, linked_by, linked_at) "
            + "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(id, ticket, actor, ts(at))).mapEmpty();
  }

  @Override
  public Future<Void> audit(AuditEntry e) {
    Map<String, Object> data = new HashMap<>(e.details());
    data.put("recording", e.recordingId());
    if (e.reason() != null) {
      data.put("reason", e.reason());
    }
    // The journal entry's operator_id names who acted: listens and exports are facts about that person.
    JournalEntry entry = JournalEntry.of("recordings." + e.action().id()).at(e.at()).operator(e.actor()).data(data);
    return accessAudit.record(new org.gridcare.platform.audit.AuditEntry(e.at(), e.actor(), "recording." + e.action().id(),
            SUBJECT, e.recordingId(), e.reason(), e.details()))
        .compose(v -> PgJournal.append(pool, entry))
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<Void> setHold(String recordingId, boolean hold, AuditEntry entry) {
    return audit(entry)
        .compose(v -> pool.preparedQuery("UPDATE rec_recording SET legal_hold = $2 WHERE id = $1")
            .execute(Tuple.of(UUID.fromString(recordingId), hold)))
        .<Void>mapEmpty()
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<List<Recording>> retentionCandidates(Instant archiveBefore, Instant purgeBefore, int limit) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM rec_recording r WHERE NOT r.legal_hold AND ("
            + "(r.status IN ('stored', 'recovered') AND r.started_at < $1) OR (r.status <> 'purged' AND r.started_at < $2)) "
            + "ORDER BY r.started_at LIMIT $3")
        .execute(Tuple.of(ts(archiveBefore), ts(purgeBefore), limit))
        .map(rows -> {
          List<Recording> out = new ArrayList<>();
          rows.forEach(r -> out.add(recording(r)));
          return out;
        })
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<Void> archived(String recordingId, String archiveKey) {
    return pool.preparedQuery("UPDATE rec_recording SET status = 'archived', store_key = $2 WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(recordingId), archiveKey))
        .<Void>mapEmpty()
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<Void> purged(String recordingId) {
    return pool.preparedQuery("UPDATE rec_recording SET status = 'purged', store_key = NULL WHERE id = $1")
        .execute(Tuple.of(UUID.fromString(recordingId)))
        .<Void>mapEmpty()
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<List<AuditEntry>> auditTrail(String recordingId) {
    // Reads the shared audit table (owned by storage) for this subject; the chain itself is never touched here.
    return pool.preparedQuery("SELECT at, actor, action, reason, details FROM audit WHERE subject_type = $1 "
            + "AND subject_id = $2 ORDER BY id")
        .execute(Tuple.of(SUBJECT, recordingId))
        .map(rows -> {
          List<AuditEntry> out = new ArrayList<>();
          for (Row r : rows) {
            String action = r.getString("action").substring((SUBJECT + ".").length());
            out.add(new AuditEntry(r.getOffsetDateTime("at").toInstant(), r.getString("actor"),
                AuditEntry.Action.valueOf(action.toUpperCase()), recordingId, r.getString("reason"),
                r.getJsonObject("details").getMap()));
          }
          return out;
        })
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<Optional<Recording>> byCall(String callId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM rec_recording r WHERE r.call_id = $1").execute(Tuple.of(callId))
        .map(rows -> rows.size() == 0 ? Optional.<Recording>empty() : Optional.of(recording(rows.iterator().next())))
        .recover(PgRecordings::translate);
  }

  @Override
  public Future<Optional<StartedRecording>> started(String callId) {
    return pool.preparedQuery("SELECT s.at, s.line, s.operator_id, s.phone, s.data, COALESCE(s.customer_id, "
            + "(SELECT j.customer_id FROM journal j WHERE j.call_id = $1 AND j.customer_id IS NOT NULL "
            + "ORDER BY j.id DESC LIMIT 1)) AS customer_id FROM journal s "
            + "WHERE s.call_id = $1 AND s.type = 'recordings.started' ORDER BY s.id DESC LIMIT 1")
        .execute(Tuple.of(callId))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.<StartedRecording>empty();
          }
          Row r = rows.iterator().next();
          io.vertx.core.json.JsonObject data = r.getJsonObject("data");
          return Optional.of(new StartedRecording(data.getString("recording"), callId, instant(r, "at"),
              Direction.of(data.getString("direction", "inbound")), r.getInteger("line"), data.getString("topic"),
              r.getString("operator_id"), r.getString("phone"), r.getString("customer_id")));
        })
        .recover(PgRecordings::translate);
  }

  private static Recording recording(Row r) {
    Long[] tickets = r.getArrayOfLongs("tickets");
    return new Recording(r.getUUID("id").toString(), r.getString("call_id"), instant(r, "started_at"),
        instant(r, "ended_at"), Direction.of(r.getString("direction")), r.getInteger("line"), r.getString("topic"),
        r.getString("operator_id"),
        r.getString("customer_phone"), r.getString("customer_id"), r.getString("store_key"), r.getString("format"),
        r.getLong("size_bytes"), r.getLong("duration_ms"), r.getString("sha256"), Recording.Status.of(r.getString("status")),
        r.getBoolean("legal_hold"), tickets == null ? List.of() : Arrays.asList(tickets));
  }

  private static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime t = r.getOffsetDateTime(column);
    return t == null ? null : t.toInstant();
  }

  private static <T> Future<T> translate(Throwable e) {
    if (e instanceof DomainException || e instanceof PgException) {
      return Future.failedFuture(e);
    }
    return Future.failedFuture(DomainException.unavailable("recordings-unavailable",
        "The recordings database is not reachable", e));
  }
}
