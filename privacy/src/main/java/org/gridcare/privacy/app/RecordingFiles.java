package org.gridcare.privacy.app;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Instant;
import org.gridcare.privacy.domain.Sweep;

/** The recordings module as privacy needs it (port): its retention, its purge and its files. */
public interface RecordingFiles {

  /** What the recordings' retention would purge as of {@code now}. */
  Future<Sweep> expired(Instant now);

  /** Runs the recordings' own retention (archive and purge, audited) as of {@code now}. */
  Future<Sweep> purgeExpired(Instant now, String actor, String reason);

  /** Purges one recording (file and catalogue), audited with actor and reason. */
  Future<Void> purge(String recordingId, String actor, String reason);

  /** The readable file of a stored recording; fails when it is archived, purged or gone. */
  Future<Path> file(String storeKey);

  /** Places or releases the recording's legal hold, audited. */
  Future<Void> hold(String recordingId, boolean hold, String actor, String reason);
}
