package org.gridcare.recordings.fs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.gridcare.recordings.app.PendingRecordings;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.Recording;

/** One JSON file per waiting recording ({@code <id>.json}, written atomically) in a spool directory. */
public final class FilePendingRecordings implements PendingRecordings {
  private final Vertx vertx;
  private final Path dir;

  public FilePendingRecordings(Vertx vertx, Path dir) {
    this.vertx = vertx;
    this.dir = dir;
  }

  @Override
  public Future<Void> keep(Recording r) {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(UUID.fromString(r.id()) + ".tmp");
      Files.writeString(tmp, json(r).encode(), StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(UUID.fromString(r.id()) + ".json"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return null;
    }, false);
  }

  @Override
  public Future<Void> drop(String recordingId) {
    return vertx.executeBlocking(() -> {
      Files.deleteIfExists(dir.resolve(UUID.fromString(recordingId) + ".json"));
      return null;
    }, false);
  }

  @Override
  public Future<List<Recording>> all() {
    return vertx.executeBlocking(() -> {
      List<Recording> out = new ArrayList<>();
      if (!Files.isDirectory(dir)) {
        return out;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
          out.add(recording(new JsonObject(Files.readString(f, StandardCharsets.UTF_8))));
        }
      }
      return out;
    }, false);
  }

  static JsonObject json(Recording r) {
    return new JsonObject().put("id", r.id()).put("callId", r.callId()).put("startedAt", str(r.startedAt()))
        .put("endedAt", str(r.endedAt())).put("direction", r.direction().id()).put("line", r.line())
        .put("topic", r.topic())
        .put("operator", r.operator()).put("customerPhone", r.customerPhone()).put("customerId", r.customerId())
        .put("storeKey", r.storeKey()).put("format", r.format()).put("sizeBytes", r.sizeBytes())
        .put("durationMs", r.durationMs()).put("sha256", r.sha256()).put("status", r.status().id())
        .put("tickets", new JsonArray(new ArrayList<>(r.tickets())));
  }

  static Recording recording(JsonObject j) {
    List<Long> tickets = new ArrayList<>();
    j.getJsonArray("tickets", new JsonArray()).forEach(t -> tickets.add(((Number) t).longValue()));
    return new Recording(j.getString("id"), j.getString("callId"), instant(j.getString("startedAt")),
        instant(j.getString("endedAt")), Direction.of(j.getString("direction")), j.getInteger("line"),
        j.getString("topic"), j.getString("operator"), j.getString("customerPhone"), j.getString("customerId"), j.getString("storeKey"),
        j.getString("format"), j.getLong("sizeBytes"), j.getLong("durationMs"), j.getString("sha256"),
        Recording.Status.of(j.getString("status")), false, tickets);
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
