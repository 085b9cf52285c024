package org.gridcare.recordings.app;

import io.vertx.core.Future;
import java.util.List;
import org.gridcare.recordings.domain.Recording;

/**
 * Recordings stored but not yet catalogued (port): kept durably until the catalogue has them, so a database outage
 * at hang-up, even across a restart, loses nothing.
 */
public interface PendingRecordings {
  Future<Void> keep(Recording recording);

  Future<Void> drop(String recordingId);

  Future<List<Recording>> all();
}
