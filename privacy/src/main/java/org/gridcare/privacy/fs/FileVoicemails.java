package org.gridcare.privacy.fs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.gridcare.privacy.app.VoicemailFiles;
import org.gridcare.privacy.domain.Category;
import org.gridcare.privacy.domain.Sweep;

/**
 * The IVR's voicemail directory: the PBX records {@code <callId>-<epoch millis>.wav} there. A message's age is its
 * file's modification time (when the recording ended).
 */
public final class FileVoicemails implements VoicemailFiles {
  private final Vertx vertx;
  private final Path directory;

  public FileVoicemails(Vertx vertx, Path directory) {
    this.vertx = vertx;
    this.directory = directory;
  }

  @Override
  public Future<Sweep> expired(Instant cutoff) {
    return vertx.executeBlocking(() -> sweep(older(cutoff)), false);
  }

  @Override
  public Future<Sweep> purge(Instant cutoff) {
    return vertx.executeBlocking(() -> {
      List<Path> files = older(cutoff);
      Sweep sweep = sweep(files);
      for (Path p : files) {
        Files.deleteIfExists(p);
      }
      return sweep;
    }, false);
  }

  @Override
  public Future<List<Path>> ofCalls(Set<String> callIds) {
    return vertx.executeBlocking(() -> messages().stream()
        .filter(p -> callIds.stream().anyMatch(id -> p.getFileName().toString().startsWith(id + "-")))
        .toList(), false);
  }

  @Override
  public Future<Void> delete(List<Path> files) {
    return vertx.executeBlocking(() -> {
      for (Path p : files) {
        Files.deleteIfExists(p);
      }
      return null;
    }, false);
  }

  private List<Path> older(Instant cutoff) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : messages()) {
      if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
        out.add(p);
      }
    }
    return out;
  }

  private List<Path> messages() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static Sweep sweep(List<Path> files) throws IOException {
    Instant oldest = null;
    for (Path p : files) {
      Instant t = Files.getLastModifiedTime(p).toInstant();
      oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
    }
    return new Sweep(Category.VOICEMAIL, files.size(), oldest);
  }
}
