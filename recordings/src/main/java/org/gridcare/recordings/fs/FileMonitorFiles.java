package org.gridcare.recordings.fs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.gridcare.recordings.app.MonitorFiles;
import org.gridcare.recordings.domain.WavInfo;

/**
 * The monitor directory on the local file system. Hidden entries ({@code .pending}, {@code .quarantine}) are the
 * module's own and never listed; quarantined files keep their name (a numeric suffix when taken). Runs on workers.
 */
public final class FileMonitorFiles implements MonitorFiles {
  private final Vertx vertx;
  private final Path monitorDir;
  private final Path quarantineDir;

  public FileMonitorFiles(Vertx vertx, Path monitorDir) {
    this.vertx = vertx;
    this.monitorDir = monitorDir.toAbsolutePath().normalize();
    this.quarantineDir = this.monitorDir.resolve(".quarantine");
  }

  @Override
  public Future<List<Leftover>> quietFiles(Duration quietFor) {
    return vertx.executeBlocking(() -> {
      Instant before = Instant.now().minus(quietFor);
      List<Leftover> out = new ArrayList<>();
      if (!Files.isDirectory(monitorDir)) {
        return out;
      }
      try (Stream<Path> list = Files.list(monitorDir)) {
        for (Path p : (Iterable<Path>) list::iterator) {
          String name = p.getFileName().toString();
          if (name.startsWith(".") || !Files.isRegularFile(p)) {
            continue;
          }
          Instant modified = Files.getLastModifiedTime(p).toInstant();
          if (modified.isBefore(before)) {
            out.add(new Leftover(p, name, Files.size(p), modified));
          }
        }
      }
      return out;
    }, false);
  }

  @Override
  public Future<Void> completeHeader(Path file) {
    return vertx.executeBlocking(() -> {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(4096, ch.size()));
        ch.read(head, 0);
        Optional<WavInfo> wav = WavInfo.parse(java.util.Arrays.copyOf(head.array(), head.position()));
        long size = ch.size();
        if (wav.isEmpty() || wav.get().declaredDataBytes() != 0 || size <= wav.get().dataOffset()
            || size - 8 > 0xFFFFFFFFL) {
          return null;
        }
        ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        ch.write(four.putInt(0, (int) (size - 8)), 4);
        four.clear();
        ch.write(four.putInt(0, (int) (size - wav.get().dataOffset())), wav.get().dataOffset() - 4);
        ch.force(true);
      }
      return null;
    }, false);
  }

  @Override
  public Future<Path> quarantine(Path file) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(quarantineDir);
      String name = file.getFileName().toString();
      Path target = quarantineDir.resolve(name);
      for (int i = 1; Files.exists(target); i++) {
        target = quarantineDir.resolve(name + "." + i);
      }
      try {
        Files.move(file, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(file, target);
      }
      return target;
    }, false);
  }

  /** Where quarantined files are kept. */
  public Path quarantineDir() {
    return quarantineDir;
  }
}
