package org.gridcare.recordings.app;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gridcare.platform.journal.Journal;
import org.gridcare.platform.journal.JournalEntry;
import org.gridcare.recordings.domain.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds MixMonitor files a crash (of the server or the PBX) left in the monitor directory and files them, so no
 * recording is lost and none is deleted: a file no live call is writing (and nobody wrote to for {@link #QUIET}) is
 * linked to its call by its name ({@code <call id>.wav}): to the call's catalogued recording when that one was
 * filed as {@code missing}, otherwise to what the journal says about the start of its recording
 * ({@code recordings.started}); it is then stored with SHA-256, size and duration like any recording, with status
 * {@code recovered} ({@code damaged} when shorter than its header says). A file that cannot be linked is moved to
 * quarantine and reported (log and journal {@code recordings.quarantined}). Run at start and daily.
 */
public final class MonitorSweep {
  /** A recording in progress is written to every few milliseconds; a minute without a write means nobody is. */
  public static final Duration QUIET = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(MonitorSweep.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private final MonitorFiles files;
  private final RecordingStore store;
  private final RecordingCatalog catalog;
  private final RecordingLifecycle lifecycle;
  private final Journal journal;

  public MonitorSweep(MonitorFiles files, RecordingStore store, RecordingCatalog catalog, RecordingLifecycle lifecycle,
      Journal journal) {
    this.files = files;
    this.store = store;
    this.catalog = catalog;
    this.lifecycle = lifecycle;
    this.journal = journal;
  }

  /** What one sweep did; {@code failed} files stay where they are for the next sweep (e.g. database down). */
  public record Report(int recovered, int quarantined, int failed) {}

  public Future<Report> sweep() {
    return files.quietFiles(QUIET).compose(leftovers -> lifecycle.busyFiles().compose(busy -> {
      int[] counts = new int[3];
      Future<Void> chain = Future.succeededFuture();
      for (MonitorFiles.Leftover f : leftovers) {
        if (busy.contains(f.name())) {
          continue;
        }
        chain = chain.compose(v -> file(f).map(recovered -> {
          counts[recovered ? 0 : 1]++;
          return (Void) null;
        }).recover(e -> {
          LOG.warn("Monitor file {} left for the next sweep: {}", f.name(), e.getMessage());
          counts[2]++;
          return Future.succeededFuture();
        }));
      }
      return chain.map(v -> new Report(counts[0], counts[1], counts[2]));
    }));
  }

  /** True when the file was catalogued, false when quarantined. */
  private Future<Boolean> file(MonitorFiles.Leftover f) {
    if (!f.name().endsWith(".wav")) {
      return quarantine(f, "not a recording (.wav) file");
    }
    String callId = f.name().substring(0, f.name().length() - ".wav".length());
    return catalog.byCall(callId).compose(existing -> {
      if (existing.isPresent()) {
        Recording r = existing.get();
        return r.status() == Recording.Status.MISSING ? refile(f, r)
            : quarantine(f, "call " + callId + " already has its recording " + r.id());
      }
      return catalog.started(callId).compose(started -> started.isPresent() ? recover(f, started.get())
          : quarantine(f, "no recording of call " + callId + " was started"));
    });
  }

  /**
   * The call's recording was catalogued as missing (the file appeared after its hang-up): it gets its file now, through
   * the lifecycle's durable pending step like any recording (a database outage here loses nothing either).
   */
  private Future<Boolean> refile(MonitorFiles.Leftover f, Recording r) {
    return files.completeHeader(f.path())
        .compose(v -> store.put(f.path(), DAY.format(r.startedAt()) + "/" + r.id() + ".wav"))
        .compose(s -> lifecycle.catalogueRecovered(new Recording(r.id(), r.callId(), r.startedAt(), r.endedAt(),
                r.direction(), r.line(), r.topic(), r.operator(), r.customerPhone(), r.customerId(), s.key(), s.format(),
                s.sizeBytes(), s.durationMs(), s.sha256(), s.damaged() ? Recording.Status.DAMAGED : Recording.Status.RECOVERED,
                r.legalHold(), r.tickets()))
            .compose(v -> journalRecovered(r.callId(), r.id(), f.name(), s)))
        .map(true);
  }

  private Future<Boolean> recover(MonitorFiles.Leftover f, RecordingCatalog.StartedRecording s) {
    return files.completeHeader(f.path())
        .compose(v -> store.put(f.path(), DAY.format(s.startedAt()) + "/" + s.recordingId() + ".wav"))
        .compose(stored -> lifecycle.catalogueRecovered(new Recording(s.recordingId(), s.callId(), s.startedAt(),
                f.lastModified(), s.direction(), s.line(), s.topic(), s.operator(), s.customerPhone(), s.customerId(),
                stored.key(), stored.format(), stored.sizeBytes(), stored.durationMs(), stored.sha256(),
                stored.damaged() ? Recording.Status.DAMAGED : Recording.Status.RECOVERED, false, List.of()))
            .compose(v -> journalRecovered(s.callId(), s.recordingId(), f.name(), stored)))
        .map(true);
  }

  private Future<Void> journalRecovered(String callId, String recordingId, String file, RecordingStore.StoredFile s) {
    LOG.warn("Recovered recording {} of call {} from monitor file {} left in the monitor directory ({} bytes, {} ms)", recordingId,
        callId, file, s.sizeBytes(), s.durationMs());
    return journal.append(JournalEntry.of("recordings.recovered").call(callId).data(Map.of("recording", recordingId,
        "file", file, "sizeBytes", s.sizeBytes(), "durationMs", s.durationMs(), "sha256", s.sha256())));
  }

  private Future<Boolean> quarantine(MonitorFiles.Leftover f, String reason) {
    return files.quarantine(f.path()).compose(target -> {
      LOG.error("Monitor file {} ({} bytes) cannot be linked to a call ({}); kept in quarantine as {}", f.name(),
          f.sizeBytes(), reason, target);
      Map<String, Object> data = new HashMap<>();
      data.put("file", f.name());
      data.put("quarantinedAs", target.getFileName().toString());
      data.put("sizeBytes", f.sizeBytes());
      data.put("reason", reason);
      return journal.append(JournalEntry.of("recordings.quarantined").data(data));
    }).map(false);
  }
}
