package org.gridcare.recordings.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.gridcare.platform.domain.Masking;
import org.gridcare.platform.domain.PhoneNumbers;
import org.gridcare.recordings.app.RecordingLifecycle;
import org.gridcare.recordings.app.RecordingService;
import org.gridcare.recordings.domain.ByteRange;
import org.gridcare.recordings.domain.Direction;
import org.gridcare.recordings.domain.Recording;
import org.gridcare.recordings.domain.RecordingQuery;
import org.gridcare.recordings.domain.Viewer;

/**
 * Handlers of {@code openapi/recordings.yaml}. Paths to files never come from a request: a recording id (a UUID,
 * checked by the contract) is looked up, access checked, and the store resolves its own key. Playback audits the
 * listen before the first byte is sent; an unsatisfiable range is a 416 with {@code Content-Range: bytes *}{@code /size}.
 */
public final class HttpRecordingsRoutes implements Consumer<RouterBuilder> {
  private final Vertx vertx;
  private final RecordingService service;
  private final RecordingLifecycle lifecycle;
  private final PhoneNumbers phones;

  public HttpRecordingsRoutes(Vertx vertx, RecordingService service, RecordingLifecycle lifecycle, PhoneNumbers phones) {
    this.vertx = vertx;
    this.service = service;
    this.lifecycle = lifecycle;
    this.phones = phones;
  }

  @Override
  public void accept(RouterBuilder rb) {
    on(rb, "searchRecordings", this::search);
    on(rb, "getRecording", ctx -> json(ctx, service.get(viewer(ctx), ctx.pathParam("recordingId"))
        .map(HttpRecordingsRoutes::recording)));
    on(rb, "playRecording", this::play);
    on(rb, "exportRecording", ctx -> {
      String id = ctx.pathParam("recordingId");
      service.export(viewer(ctx), id, ctx.queryParams().get("reason"))
          .onSuccess(path -> send(ctx, path, "audio/wav", "recording-" + id + ".wav", false))
          .onFailure(ctx::fail);
    });
    on(rb, "exportTicketRecordings", ctx -> {
      long ticket = Long.parseLong(ctx.pathParam("ticketId"));
      service.exportTicket(viewer(ctx), ticket, ctx.queryParams().get("reason"))
          .onSuccess(path -> send(ctx, path, "application/zip", "ticket-" + ticket + "-recordings.zip", true))
          .onFailure(ctx::fail);
    });
    on(rb, "linkRecordingToTicket", ctx -> noContent(ctx, service.linkTicket(viewer(ctx), ctx.pathParam("recordingId"),
        ctx.body().asJsonObject().getLong("ticketId"))));
    on(rb, "pauseRecording", ctx -> noContent(ctx, lifecycle.pause(ctx.pathParam("callId"), viewer(ctx))));
    on(rb, "resumeRecording", ctx -> noContent(ctx, lifecycle.resume(ctx.pathParam("callId"), viewer(ctx))));
    on(rb, "setRecordingHold", ctx -> {
      JsonObject b = ctx.body().asJsonObject();
      noContent(ctx, service.hold(viewer(ctx), ctx.pathParam("recordingId"), b.getBoolean("hold"), b.getString("reason")));
    });
    on(rb, "getRecordingAudit", ctx -> json(ctx, service.auditTrail(viewer(ctx), ctx.pathParam("recordingId")).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(e -> out.add(new JsonObject().put("at", e.at().toString()).put("actor", e.actor())
          .put("action", e.action().id()).put("reason", e.reason()).put("details", new JsonObject(e.details()))));
      return out;
    })));
    on(rb, "runRecordingRetention", ctx -> {
      JsonObject b = ctx.body().asJsonObject();
      Viewer v = viewer(ctx);
      json(ctx, Future.succeededFuture(v).compose(x -> {
        x.requireAdmin("run retention");
        return service.applyRetention(x.username(), b.getString("reason"), b.getInteger("limit", 10_000));
      }).map(r -> new JsonObject().put("archived", r.archived()).put("purged", r.purged()).put("failed", r.failed())));
    });
  }

  private void search(RoutingContext ctx) {
    var p = ctx.queryParams();
    String phone = p.get("phone") == null ? null : phones.normalise(p.get("phone")).orElse("unknown");
    RecordingQuery q = new RecordingQuery(instant(p.get("from")), instant(p.get("to")), integer(p.get("line")), null,
        p.get("operator"), phone, p.get("customerId"), p.get("ticket") == null ? null : Long.parseLong(p.get("ticket")),
        p.get("direction") == null ? null : Direction.of(p.get("direction")),
        p.get("minDurationSeconds") == null ? null : Long.parseLong(p.get("minDurationSeconds")) * 1000,
        instant(p.get("before")), p.get("beforeId"), p.get("limit") == null ? 50 : Integer.parseInt(p.get("limit")));
    json(ctx, service.search(viewer(ctx), q).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(r -> out.add(recording(r)));
      return out;
    }));
  }

  private void play(RoutingContext ctx) {
    Viewer v = viewer(ctx);
    String id = ctx.pathParam("recordingId");
    String rangeHeader = ctx.request().getHeader("Range");
    String reason = ctx.queryParams().get("reason");
    service.fileToHear(v, id, reason)
        .compose(path -> vertx.fileSystem().props(path.toString()).map(props -> new Object[] {path, props.size()}))
        .onSuccess(found -> {
          Path path = (Path) found[0];
          long size = (Long) found[1];
          Optional<ByteRange> range;
          try {
            range = ByteRange.parse(rangeHeader, size);
          } catch (ByteRange.Unsatisfiable e) {
            ctx.response().setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
            return;
          }
          service.listened(v, id, rangeHeader, reason).onSuccess(x -> {
            HttpServerResponse resp = ctx.response().putHeader("Content-Type", "audio/wav")
                .putHeader("Accept-Ranges", "bytes");
            if (range.isPresent()) {
              resp.setStatusCode(206).putHeader("Content-Range", range.get().contentRange(size));
              resp.sendFile(path.toString(), range.get().start(), range.get().length());
            } else {
              resp.setStatusCode(200).sendFile(path.toString());
            }
          }).onFailure(ctx::fail);
        })
        .onFailure(ctx::fail);
  }

  private void send(RoutingContext ctx, Path path, String type, String name, boolean deleteAfter) {
    ctx.response().putHeader("Content-Type", type)
        .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .sendFile(path.toString())
        .onComplete(x -> {
          if (deleteAfter) {
            vertx.fileSystem().delete(path.toString());
          }
        });
  }

  static Viewer viewer(RoutingContext ctx) {
    JsonObject me = ctx.user().principal();
    Set<String> roles = new HashSet<>();
    me.getJsonArray("roles", new JsonArray()).forEach(r -> roles.add(String.valueOf(r)));
    List<Integer> lines = new ArrayList<>();
    me.getJsonArray("lines", new JsonArray()).forEach(l -> lines.add(((Number) l).intValue()));
    return new Viewer(me.getString("username"), roles, lines);
  }

  static JsonObject recording(Recording r) {
    return new JsonObject().put("id", r.id()).put("callId", r.callId()).put("startedAt", r.startedAt().toString())
        .put("endedAt", r.endedAt() == null ? null : r.endedAt().toString()).put("direction", r.direction().id())
        .put("line", r.line()).put("topic", r.topic()).put("operator", r.operator()).put("customerPhone", Masking.phone(r.customerPhone()))
        .put("customerId", r.customerId()).put("format", r.format()).put("sizeBytes", r.sizeBytes())
        .put("durationMs", r.durationMs()).put("sha256", r.sha256()).put("status", r.status().id())
        .put("legalHold", r.legalHold()).put("tickets", new JsonArray(new ArrayList<>(r.tickets())));
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  private static Integer integer(String s) {
    return s == null ? null : Integer.valueOf(s);
  }

  private static void json(RoutingContext ctx, Future<?> result) {
    result.onSuccess(body -> ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .end(body instanceof JsonObject j ? j.encode() : ((JsonArray) body).encode()))
        .onFailure(ctx::fail);
  }

  private static void noContent(RoutingContext ctx, Future<?> result) {
    result.onSuccess(x -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static void on(RouterBuilder rb, String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = rb.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in the OpenAPI contract");
    }
    route.addHandler(handler);
  }
}
