package org.gridcare.server.wiring;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.gridcare.config.RecordingsConfig;
import org.gridcare.privacy.app.RecordingFiles;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.Sweep;
import org.gridcare.recordings.app.RecordingService;
import org.gridcare.recordings.domain.AuditEntry;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.domain.Retention;
import org.gridcare.recordings.fs.FileSystemRecordingStore;
import org.gridcare.recordings.pg.PgRecordings;
import org.gridcare.storage.Storage;

/**
 * The privacy module's view of recordings, over the recordings module's own catalogue, store and retention: the
 * privacy retention runs the recordings' retention (per-topic periods, archive, purge, audit) as of its clock, and
 * erasure purges a recording the way retention does (audited first, then the file, then the catalogue).
 */
public final class RecordingsForPrivacy implements RecordingFiles {
  private static final int BATCH = 100_000;
  private final PgRecordings catalog;
  private final FileSystemRecordingStore store;
  private final Retention retention;
  private final Path exports;

  public RecordingsForPrivacy(Vertx vertx, Storage storage, RecordingsConfig config, Path exports) {
    this.catalog = new PgRecordings(storage.pool(), storage.audit());
    this.store = new FileSystemRecordingStore(vertx, Path.of(config.storeDir()), Path.of(config.archiveDir()));
    this.retention = new Retention(config.archiveAfter(), config.retention(), config.retentionByTopic());
    this.exports = exports;
  }

  @Override
  public Future<Sweep> expired(Instant now) {
    return due(now).map(list -> {
      Sweep s = Sweep.none(Category.RECORDINGS);
      for (Recording r : list) {
        s = s.plus(new Sweep(Category.RECORDINGS, 1, r.startedAt()));
      }
      return s;
    });
  }

  private Future<List<Recording>> due(Instant now) {
    return catalog.retentionCandidates(now.minus(retention.archiveAfter()), now.minus(retention.shortestRetention()),
        BATCH).map(list -> list.stream().filter(r -> retention.decide(r, now) == Retention.Decision.PURGE).toList());
  }

  @Override
  public Future<Sweep> purgeExpired(Instant now, String actor, String reason) {
    RecordingService service = new RecordingService(catalog, store, retention, exports, Clock.fixed(now, ZoneOffset.UTC));
    return expired(now).compose(before -> service.applyRetention(actor, reason, BATCH)
        .map(report -> new Sweep(Category.RECORDINGS, report.purged(), before.oldest())));
  }

  @Override
  public Future<Void> purge(String recordingId, String actor, String reason) {
    return catalog.byId(recordingId).compose(found -> {
      if (found.isEmpty() || found.get().status() == Recording.Status.PURGED) {
        return Future.succeededFuture();
      }
      Recording r = found.get();
      return catalog.audit(new AuditEntry(Instant.now(), actor, AuditEntry.Action.PURGED, r.id(), reason,
              Map.of("status", r.status().id())))
          .compose(v -> r.storeKey() == null ? Future.<Void>succeededFuture() : store.delete(r.storeKey()))
          .compose(v -> catalog.purged(r.id()));
    });
  }

  @Override
  public Future<Path> file(String storeKey) {
    return store.locate(storeKey);
  }

  @Override
  public Future<Void> hold(String recordingId, boolean hold, String actor, String reason) {
    return catalog.setHold(recordingId, hold, new AuditEntry(Instant.now(), actor,
        hold ? AuditEntry.Action.HELD : AuditEntry.Action.RELEASED, recordingId, reason, Map.of()));
  }
}
