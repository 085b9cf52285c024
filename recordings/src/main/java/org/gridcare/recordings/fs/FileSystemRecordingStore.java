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
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipOutputStream;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.recordings.app.RecordingStore;
import org.gridcare.recordings.domain.WavInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recordings as files under a store directory ({@code yyyy/MM/dd/<id>.wav}) and, once archived, gzip files under
 * an archive directory (keys {@code archive/...}). An archived recording stays playable: the first {@link #locate}
 * restores it into a restore cache (same relative name, without {@code .gz}), where playback can seek with Range;
 * the cache is kept under its byte limit by removing the least recently used restored copies (the archive is never
 * touched). Every key is resolved inside its root or refused: no request reaches the file system with a path of its
 * own. All I/O runs on worker threads.
 */
public final class FileSystemRecordingStore implements RecordingStore {
  static final String ARCHIVE_PREFIX = "archive/";
  private static final Logger LOG = LoggerFactory.getLogger(FileSystemRecordingStore.class);

  private final Vertx vertx;
  private final Path storeRoot;
  private final Path archiveRoot;
  private final Path cacheRoot;
  private final long cacheLimitBytes;

  public FileSystemRecordingStore(Vertx vertx, Path storeRoot, Path archiveRoot, Path cacheRoot, long cacheLimitBytes) {
    this.vertx = vertx;
    this.storeRoot = storeRoot.toAbsolutePath().normalize();
    this.archiveRoot = archiveRoot.toAbsolutePath().normalize();
    this.cacheRoot = cacheRoot.toAbsolutePath().normalize();
    this.cacheLimitBytes = cacheLimitBytes;
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
    return vertx.executeBlocking(() -> local(key), false);
  }

  /** A plain, seekable file for the key: the stored file, or the archived one restored into the cache. */
  private Path local(String key) throws IOException {
    if (!key.startsWith(ARCHIVE_PREFIX)) {
      return existing(inside(storeRoot, key));
    }
    String archived = key.substring(ARCHIVE_PREFIX.length());
    Path gz = existing(inside(archiveRoot, archived));
    if (!archived.endsWith(".gz")) {
      return gz;
    }
    Path restored = inside(cacheRoot, archived.substring(0, archived.length() - ".gz".length()));
    if (Files.isRegularFile(restored)) {
      Files.setLastModifiedTime(restored, FileTime.from(Instant.now()));
      return restored;
    }
    Files.createDirectories(restored.getParent());
    Path part = Files.createTempFile(restored.getParent(), ".restore-", ".part");
    try {
      // GZIPInputStream checks the CRC and length of the archived file: a damaged archive fails here.
      try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 64 * 1024);
          OutputStream out = Files.newOutputStream(part)) {
        in.transferTo(out);
      }
      try {
        Files.move(part, restored, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, restored, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(part);
    }
    LOG.info("Restored archived recording {} for playback", archived);
    evictBeyondLimit(restored);
    return restored;
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw DomainException.notFound("recording-file-missing", "The recording file is no longer in the store");
    }
    return p;
  }

  /** Removes the least recently used restored copies (never {@code keep}) until the cache fits its limit. */
  private void evictBeyondLimit(Path keep) throws IOException {
    record Cached(Path path, long size, FileTime used) {}
    List<Cached> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(cacheRoot)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".restore-")) {
          files.add(new Cached(p, Files.size(p), Files.getLastModifiedTime(p)));
        }
      }
    }
    long total = files.stream().mapToLong(Cached::size).sum();
    files.sort(Comparator.comparing(Cached::used));
    for (Cached c : files) {
      if (total <= cacheLimitBytes) {
        break;
      }
      if (!c.path().equals(keep) && Files.deleteIfExists(c.path())) {
        total -= c.size();
      }
    }
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
      if (key.startsWith(ARCHIVE_PREFIX)) {
        String archived = key.substring(ARCHIVE_PREFIX.length());
        Files.deleteIfExists(inside(archiveRoot, archived));
        if (archived.endsWith(".gz")) {
          Files.deleteIfExists(inside(cacheRoot, archived.substring(0, archived.length() - ".gz".length())));
        }
      } else {
        Files.deleteIfExists(inside(storeRoot, key));
      }
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
          Files.copy(local(e.key()), zip);
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
