package org.gridcare.ivr.app;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rendered speech cached by content hash: {@code <dir>/<sha-256 of engine, language, text>.wav}. A text is rendered
 * once (concurrent requests for the same text share one rendering, which matters when a storm brings thousands of
 * callers to the same outage sentence); rendering runs on one dedicated worker thread because TTS voices are not
 * thread-safe.
 *
 * <p>Speech containing personal data (a customer's name) is kept apart in {@code <dir>/personal} and removed by
 * {@link #purgePersonal} once older than its retention.
 */
public final class TtsCache implements AutoCloseable {
  private final Vertx vertx;
  private final Tts tts;
  private final Path dir;
  private final WorkerExecutor worker;
  private final Map<String, Future<Path>> rendering = new ConcurrentHashMap<>();
  static final String PERSONAL = "personal";

  public TtsCache(Vertx vertx, Tts tts, Path dir) {
    this.vertx = vertx;
    this.tts = tts;
    this.dir = dir.toAbsolutePath();
    this.worker = vertx.createSharedWorkerExecutor("ivr-tts", 1);
  }

  public Tts tts() {
    return tts;
  }

  /** The WAV file of the text spoken in the language. */
  public Future<Path> render(String language, String text) {
    return render(dir, language, text);
  }

  /** Like {@link #render} for text with personal data: kept only until {@link #purgePersonal} removes it. */
  public Future<Path> renderPersonal(String language, String text) {
    return render(dir.resolve(PERSONAL), language, text);
  }

  /** Deletes personal renderings last written before {@code before}; completes with how many were deleted. */
  public Future<Integer> purgePersonal(Instant before) {
    String personal = dir.resolve(PERSONAL).toString();
    return vertx.fileSystem().exists(personal).compose(present -> !present ? Future.succeededFuture(0)
        : vertx.fileSystem().readDir(personal, ".*\\.wav").compose(files -> {
          List<Future<Boolean>> deletions = files.stream().map(f -> vertx.fileSystem().props(f).compose(p ->
              p.lastModifiedTime() < before.toEpochMilli()
                  ? vertx.fileSystem().delete(f).map(true)
                  : Future.succeededFuture(false))).toList();
          return Future.all(deletions).map(all -> (int) deletions.stream().filter(Future::result).count());
        }));
  }

  private Future<Path> render(Path dir, String language, String text) {
    String hash = hash(tts.name(language) + '\0' + language + '\0' + text);
    Path file = dir.resolve(hash + ".wav");
    Promise<Path> promise = Promise.promise();
    Future<Path> inFlight = rendering.putIfAbsent(hash, promise.future());
    if (inFlight != null) {
      return inFlight;
    }
    vertx.fileSystem().exists(file.toString())
        .compose(cached -> cached ? Future.succeededFuture(file)
            : worker.executeBlocking(() -> write(file, tts.synthesise(language, text)), false))
        .onComplete(done -> {
          rendering.remove(hash);
          promise.handle(done);
        });
    return promise.future();
  }

  private static Path write(Path file, byte[] wav) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "render-", ".tmp");
      Files.write(tmp, wav);
      // Atomic: the PBX never plays a half-written file.
      return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static String hash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    worker.close();
  }
}
