package org.gridcare.recordings.app;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The directory Asterisk's MixMonitor writes into, as the monitor sweep sees it (port). */
public interface MonitorFiles {

  /** Files nobody has written to for {@code quietFor} (a recording in progress is written to every few ms). */
  Future<List<Leftover>> quietFiles(Duration quietFor);

  /**
   * Completes a WAVE header the recorder never finalised (Asterisk writes the sizes when it closes the file: after a
   * crash they say 0), so players see all the audio that is there. A file that is not WAVE is left as it is.
   */
  Future<Void> completeHeader(Path file);

  /** Moves a file that cannot be linked to any call out of the way, keeping it; returns where it went. */
  Future<Path> quarantine(Path file);

  record Leftover(Path path, String name, long sizeBytes, Instant lastModified) {}
}
