package org.gridcare.privacy.fs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gridcare.privacy.app.ExportArchive;

/** Access exports as zip files in a private directory ({@code <data-dir>/exports}); the caller deletes them once sent. */
public final class ZipExportArchive implements ExportArchive {
  private final Vertx vertx;
  private final Path directory;

  public ZipExportArchive(Vertx vertx, Path directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  @Override
  public Future<Path> write(String name, String json, Map<String, Path> files) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(directory);
      Path target = directory.resolve(name + "-" + UUID.randomUUID() + ".zip");
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
        zip.putNextEntry(new ZipEntry(name + ".json"));
        zip.write(json.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        for (var e : files.entrySet()) {
          zip.putNextEntry(new ZipEntry(e.getKey()));
          Files.copy(e.getValue(), zip); // leaves the zip stream open for the next entry
          zip.closeEntry();
        }
      }
      return target;
    }, false);
  }
}
