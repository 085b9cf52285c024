package org.gridcare.server.wiring;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import org.gridcare.privacy.app.RecordingFiles;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.Sweep;
import org.gridcare.recordings.RecordingsModule;
import org.gridcare.recordings.app.RecordingService;
import org.gridcare.recordings.domain.Recording;

/**
 * The privacy module's view of recordings, over the recordings module's own {@link RecordingService} (the running
 * module's, or {@link RecordingsModule#service} for a one-shot command): privacy's retention runs the recordings'
 * retention (per-topic periods, archive, purge, audit) as of its clock, and erasure purges a recording the way
 * retention does.
 */
public final class RecordingsForPrivacy implements RecordingFiles {
  private static final int BATCH = 100_000;
  private final RecordingService recordings;

  public RecordingsForPrivacy(RecordingService recordings) {
    this.recordings = recordings;
  }

  @Override
  public Future<Sweep> expired(Instant now) {
    return recordings.expired(now, BATCH).map(list -> {
      Sweep s = Sweep.none(Category.RECORDINGS);
      for (Recording r : list) {
        s = s.plus(new Sweep(Category.RECORDINGS, 1, r.startedAt()));
      }
      return s;
    });
  }

  @Override
  public Future<Sweep> purgeExpired(Instant now, String actor, String reason) {
    return expired(now).compose(before -> recordings.applyRetention(actor, reason, BATCH, now)
        .map(report -> new Sweep(Category.RECORDINGS, report.purged(), before.oldest())));
  }

  @Override
  public Future<Void> purge(String recordingId, String actor, String reason) {
    return recordings.purge(recordingId, actor, reason);
  }

  @Override
  public Future<Path> file(String storeKey) {
    return recordings.storedFile(storeKey);
  }

  @Override
  public Future<Void> hold(String recordingId, boolean hold, String actor, String reason) {
    return recordings.hold(recordingId, hold, actor, reason);
  }
}
