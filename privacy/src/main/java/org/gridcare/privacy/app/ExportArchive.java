package org.gridcare.privacy.app;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Map;

/** Writes an access export: one zip with the data as JSON and the files next to it (port). */
public interface ExportArchive {
  /** {@code files}: entry name → file. Returns the zip, to be deleted once sent. */
  Future<Path> write(String name, String json, Map<String, Path> files);
}
