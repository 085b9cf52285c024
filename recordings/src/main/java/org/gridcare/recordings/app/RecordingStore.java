package org.gridcare.recordings.app;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.List;

/**
 * Where recording files live (port): a directory by default, an object store later. Keys are the store's own
 * relative names; a key that would leave the store fails with {@code invalid-path}.
 */
public interface RecordingStore {

  /** Moves a closed MixMonitor file in under {@code key}, returning its checksum, size and audio facts. */
  Future<StoredFile> put(Path closedFile, String key);

  /** A readable local path for playback and export; {@code recording-file-missing} when it is gone. */
  Future<Path> locate(String key);

  /** Compresses the file into the archive and removes it from the store; returns the archive key. */
  Future<String> archive(String key);

  Future<Void> delete(String key);

  /** Writes the given files into one zip (entry name → key) at {@code target}. */
  Future<Void> zip(List<ZipEntry> entries, Path target);

  record ZipEntry(String name, String key) {}

  /** {@code damaged}: not a WAVE file, or shorter than its header says (still stored, reported). */
  record StoredFile(String key, long sizeBytes, String sha256, long durationMs, String format, boolean damaged) {}
}
