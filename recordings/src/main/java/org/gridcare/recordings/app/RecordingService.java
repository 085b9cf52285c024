package org.gridcare.recordings.app;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.recordings.domain.AuditEntry;
import org.gridcare.recordings.domain.ByteRange;
import org.gridcare.recordings.domain.ListenReason;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.domain.RecordingQuery;
import org.gridcare.recordings.domain.Retention;
import org.gridcare.recordings.domain.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What people do with recordings: search (narrowed to what they may hear), play and export (each audited with who,
 * when, what and why, and journalled), link to tickets, legal hold, and retention (archive, purge) with its audit.
 */
public final class RecordingService {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingService.class);

  private final RecordingCatalog catalog;
  private final RecordingStore store;
  private final Retention retention;
  private final Path exportDir;
  private final Clock clock;
  private final ListenReason listenReason;

  public RecordingService(RecordingCatalog catalog, RecordingStore store, Retention retention, Path exportDir,
      Clock clock, ListenReason listenReason) {
    this.listenReason = listenReason;
    this.catalog = catalog;
    this.store = store;
    this.retention = retention;
    this.exportDir = exportDir;
    this.clock = clock;
  }

  public Future<List<Recording>> search(Viewer viewer, RecordingQuery query) {
    return Future.succeededFuture(query).map(q -> q.restrictTo(viewer)).compose(catalog::search);
  }

  public Future<Recording> get(Viewer viewer, String id) {
    return catalog.byId(id).map(found -> {
      Recording r = found.orElseThrow(() -> DomainException.notFound("no-such-recording", "No recording " + id));
      viewer.requireHear(r);
      return r;
    });
  }

  /** Resolves the playable file of a recording the viewer may hear. */
  public Future<Path> file(Viewer viewer, String id) {
    return get(viewer, id).compose(this::locate);
  }

  /**
   * Resolves the file of a recording the viewer may hear for a listen, failing with {@code reason-required} when
   * {@code recordings.listen-reason} asks for a reason and none is given.
   */
  public Future<Path> fileToHear(Viewer viewer, String id, String reason) {
    return get(viewer, id).compose(r -> {
      listenReason.check(viewer, r, reason);
      return locate(r);
    });
  }

  private Future<Path> locate(Recording r) {
    if (!r.playable() || r.storeKey() == null) {
      return Future.failedFuture(DomainException.conflict("recording-unavailable",
          "Recording " + r.id() + " is " + r.status().id()));
    }
    return store.locate(r.storeKey());
  }

  /** Audits one listen (a playback request; {@code range} says which part, {@code reason} why, when given). */
  public Future<Void> listened(Viewer viewer, String id, String range, String reason) {
    Map<String, Object> details = new HashMap<>();
    if (range != null) {
      details.put("range", range);
    }
    return catalog.audit(new AuditEntry(clock.instant(), viewer.username(), AuditEntry.Action.LISTENED, id, reason,
        details));
  }

  /** The file to download, audited as an export with the reason given. */
  public Future<Path> export(Viewer viewer, String id, String reason) {
    return requireReason(reason).compose(v -> file(viewer, id)).compose(path -> catalog.audit(new AuditEntry(clock.instant(), viewer.username(),
        AuditEntry.Action.EXPORTED, id, reason, Map.of("format", "file"))).map(path));
  }

  /** A ticket's recordings (those the viewer may hear) as one zip, each audited as exported. */
  public Future<Path> exportTicket(Viewer viewer, long ticket, String reason) {
    RecordingQuery q = new RecordingQuery(null, null, null, null, null, null, null, ticket, null, null, null, null, 500);
    return requireReason(reason).compose(v -> search(viewer, q)).compose(list -> {
      List<Recording> playable = list.stream().filter(r -> r.playable() && r.storeKey() != null).toList();
      if (playable.isEmpty()) {
        throw DomainException.notFound("no-recordings", "Ticket " + ticket + " has no recordings you may export");
      }
      List<RecordingStore.ZipEntry> entries = new ArrayList<>();
      for (Recording r : playable) {
        entries.add(new RecordingStore.ZipEntry(r.startedAt().toString().replace(':', '-') + "_" + r.id() + ".wav",
            r.storeKey()));
      }
      Path target = exportDir.resolve("ticket-" + ticket + "-" + java.util.UUID.randomUUID() + ".zip");
      Future<Void> audits = Future.succeededFuture();
      for (Recording r : playable) {
        audits = audits.compose(v -> catalog.audit(new AuditEntry(clock.instant(), viewer.username(),
            AuditEntry.Action.EXPORTED, r.id(), reason, Map.of("format", "zip", "ticket", ticket))));
      }
      return audits.compose(v -> store.zip(entries, target)).map(target);
    });
  }

  public Future<Void> linkTicket(Viewer viewer, String id, long ticket) {
    return get(viewer, id).compose(r -> catalog.linkTicket(id, ticket, viewer.username(), clock.instant()));
  }

  public Future<Void> hold(Viewer viewer, String id, boolean hold, String reason) {
    return requireReason(reason)
        .map(v -> {
          viewer.requireAdmin("place or release a legal hold");
          return v;
        })
        .compose(v -> get(viewer, id)).compose(r -> hold(id, hold, viewer.username(), reason));
  }

  /** Places or releases a recording's legal hold for a caller authorised elsewhere (privacy's customer hold), audited. */
  public Future<Void> hold(String id, boolean hold, String actor, String reason) {
    return catalog.setHold(id, hold, new AuditEntry(clock.instant(), actor,
        hold ? AuditEntry.Action.HELD : AuditEntry.Action.RELEASED, id, reason, Map.of()));
  }

  /**
   * Purges one recording as retention does (audited first, then the file, then the catalogue row), for an erasure;
   * nothing to do when it is unknown or already purged.
   */
  public Future<Void> purge(String id, String actor, String reason) {
    return catalog.byId(id).compose(found -> found.isEmpty() || found.get().status() == Recording.Status.PURGED
        ? Future.succeededFuture() : purge(found.get(), actor, reason, clock.instant()));
  }

  /** The readable file of a stored recording (archived ones restored to the cache); fails when it is gone. */
  public Future<Path> storedFile(String storeKey) {
    return store.locate(storeKey);
  }

  public Future<List<AuditEntry>> auditTrail(Viewer viewer, String id) {
    return Future.succeededFuture(viewer).compose(v -> {
      v.requireAdmin("read the recordings audit log");
      return catalog.auditTrail(id);
    });
  }

  /** Result of one retention run. */
  public record RetentionReport(int archived, int purged, int failed) {}

  /**
   * Archives and purges what retention says, oldest first, {@code limit} at most; each action audited with the
   * actor ({@code retention} for the scheduled job, the administrator otherwise) and reason.
   */
  public Future<RetentionReport> applyRetention(String actor, String reason, int limit) {
    return applyRetention(actor, reason, limit, clock.instant());
  }

  /** {@link #applyRetention(String, String, int)} as of {@code now} (privacy's retention runs on its own clock). */
  public Future<RetentionReport> applyRetention(String actor, String reason, int limit, Instant now) {
    return catalog.retentionCandidates(now.minus(retention.archiveAfter()), now.minus(retention.shortestRetention()), limit).compose(list -> {
      int[] counts = new int[3];
      Future<Void> chain = Future.succeededFuture();
      for (Recording r : list) {
        chain = chain.compose(v -> act(r, actor, reason, now).map(d -> {
          counts[d == Retention.Decision.ARCHIVE ? 0 : 1]++;
          return (Void) null;
        }).recover(e -> {
          LOG.warn("Retention could not handle recording {}: {}", r.id(), e.getMessage());
          counts[2]++;
          return Future.succeededFuture();
        }));
      }
      return chain.map(v -> new RetentionReport(counts[0], counts[1], counts[2]));
    });
  }

  /** The recordings retention would purge as of {@code now}, oldest first, {@code limit} at most considered. */
  public Future<List<Recording>> expired(Instant now, int limit) {
    return catalog.retentionCandidates(now.minus(retention.archiveAfter()), now.minus(retention.shortestRetention()),
        limit).map(list -> list.stream().filter(r -> retention.decide(r, now) == Retention.Decision.PURGE).toList());
  }

  private Future<Retention.Decision> act(Recording r, String actor, String reason, Instant now) {
    Retention.Decision d = retention.decide(r, now);
    switch (d) {
      case ARCHIVE:
        // Audited before acting: a failure after the entry is retried next run (and audited again), never silent.
        return catalog.audit(new AuditEntry(now, actor, AuditEntry.Action.ARCHIVED, r.id(), reason, Map.of()))
            .compose(v -> store.archive(r.storeKey()))
            .compose(key -> catalog.archived(r.id(), key)).map(d);
      case PURGE:
        return purge(r, actor, reason, now).map(d);
      default:
        return Future.succeededFuture(d);
    }
  }

  private Future<Void> purge(Recording r, String actor, String reason, Instant at) {
    return catalog.audit(new AuditEntry(at, actor, AuditEntry.Action.PURGED, r.id(), reason,
            Map.of("status", r.status().id())))
        .compose(v -> r.storeKey() == null ? Future.<Void>succeededFuture() : store.delete(r.storeKey()))
        .compose(v -> catalog.purged(r.id()));
  }

  private static Future<Void> requireReason(String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      return Future.failedFuture(DomainException.invalid("reason-required",
          "Say why (1..500 characters): it goes into the audit log"));
    }
    return Future.succeededFuture();
  }
}
