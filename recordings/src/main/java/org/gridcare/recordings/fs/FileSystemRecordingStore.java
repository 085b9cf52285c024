package org.gridcare.recordings.fs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipOutputStream;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.recordings.app.RecordingStore;
import org.gridcare.recordings.domain.WavInfo;

/**
 * Recordings as files under a store directory ({@code yyyy/MM/dd/<id>.wav}) and, once archived, gzip files under
 * an archive directory (keys {@code archive/...}). Every key is resolved inside its root or refused: no request
 * reaches the file system with a path of its own. All I/O runs on worker threads.
 */
public final class FileSystemRecordingStore implements RecordingStore {
  static final String ARCHIVE_PREFIX = "archive/";

  private final Vertx vertx;
  private final Path storeRoot;
  private final Path archiveRoot;

  public FileSystemRecordingStore(Vertx vertx, Path storeRoot, Path archiveRoot) {
    this.vertx = vertx;
    this.storeRoot = storeRoot.toAbsolutePath().normalize();
    this.archiveRoot = archiveRoot.toAbsolutePath().normalize();
  }

  @Override
  public Future<StoredFile> put(Path closedFile, String key) {
    return vertx.executeBlocking(() -> {
      if (!Files.isRegularFile(closedFile)) {
        throw DomainException.notFound("recording-file-missing", "The recording file is missing: " + closedFile.getFileName());
      }
      Path target = inside(storeRoot, key);
      Files.createDirectories(target.getParent());
      try {
        Files.move(closedFile, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(closedFile, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return describe(key, target);
    }, false);
  }

  private static StoredFile describe(String key, Path file) throws IOException {
    MessageDigest sha = sha256();
    byte[] head = new byte[4096];
    int headLength = 0;
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (headLength < head.length) {
          int copy = Math.min(n, head.length - headLength);
          System.arraycopy(buf, 0, head, headLength, copy);
          headLength += copy;
        }
        sha.update(buf, 0, n);
        size += n;
      }
    }
    byte[] h = java.util.Arrays.copyOf(head, headLength);
    Optional<WavInfo> wav = WavInfo.parse(h);
    long duration = wav.map(w -> w.durationMs(file.toFile().length())).orElse(0L);
    boolean damaged = wav.isEmpty() || wav.get().truncated(size);
    return new StoredFile(key, size, HexFormat.of().formatHex(sha.digest()), duration, "wav", damaged);
  }

  @Override
  public Future<Path> locate(String key) {
    return vertx.executeBlocking(() -> {
      Path p = key.startsWith(ARCHIVE_PREFIX) ? inside(archiveRoot, key.substring(ARCHIVE_PREFIX.length()))
          : inside(storeRoot, key);
      if (!Files.isRegularFile(p)) {
        throw DomainException.notFound("recording-file-missing", "The recording file is no longer in the store");
      }
      return p;
    }, false);
  }

  @Override
  public Future<String> archive(String key) {
    return vertx.executeBlocking(() -> {
      Path source = inside(storeRoot, key);
      Path target = inside(archiveRoot, key + ".gz");
      Files.createDirectories(target.getParent());
      try (InputStream in = Files.newInputStream(source);
          OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
        in.transferTo(out);
      }
      Files.delete(source);
      return ARCHIVE_PREFIX + key + ".gz";
    }, false);
  }

  @Override
  public Future<Void> delete(String key) {
    return vertx.executeBlocking(() -> {
      Path p = key.startsWith(ARCHIVE_PREFIX) ? inside(archiveRoot, key.substring(ARCHIVE_PREFIX.length()))
          : inside(storeRoot, key);
      Files.deleteIfExists(p);
      return null;
    }, false);
  }

  @Override
  public Future<Void> zip(List<ZipEntry> entries, Path target) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(target.getParent());
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
        for (ZipEntry e : entries) {
          zip.putNextEntry(new java.util.zip.ZipEntry(e.name()));
          Files.copy(inside(storeRoot, e.key()), zip);
          zip.closeEntry();
        }
      }
      return null;
    }, false);
  }

  /** The key as a path inside {@code root}; anything that would escape it is refused. */
  static Path inside(Path root, String key) {
    if (key == null || key.isBlank() || key.startsWith("/") || key.contains("\\") || key.contains("\0")) {
      throw DomainException.invalid("invalid-path", "Not a valid recording key");
    }
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw DomainException.invalid("invalid-path", "Not a valid recording key");
    }
    return p;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
