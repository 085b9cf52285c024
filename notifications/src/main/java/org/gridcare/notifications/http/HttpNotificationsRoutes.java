package org.gridcare.notifications.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.gridcare.notifications.app.DeliveryReports;
import org.gridcare.notifications.app.OperatorCalls;
import org.gridcare.notifications.app.OutageService;
import org.gridcare.notifications.app.PlanOutage;
import org.gridcare.notifications.app.ReportOutage;
import org.gridcare.notifications.app.SmsOutbox;
import org.gridcare.notifications.app.WebhookSignatures;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.CampaignProgress;
import org.gridcare.notifications.domain.Outage;
import org.gridcare.platform.domain.DomainException;

/**
 * Handlers of {@code openapi/notifications.yaml}. The Twilio webhooks are public operations: they are trusted only
 * when {@code X-Twilio-Signature} matches the public URL Twilio called (configured base URL + path and query) and
 * the form parameters; otherwise 403 and nothing changes.
 */
public final class HttpNotificationsRoutes implements Consumer<RouterBuilder> {
  private final OutageService outages;
  private final SmsOutbox outbox;
  private final DeliveryReports reports;
  private final OperatorCalls operatorCalls;
  private final WebhookSignatures signatures;
  private final String publicBaseUrl;

  public HttpNotificationsRoutes(OutageService outages, SmsOutbox outbox, OperatorCalls operatorCalls,
      DeliveryReports reports, WebhookSignatures signatures, String publicBaseUrl) {
    this.outages = outages;
    this.outbox = outbox;
    this.operatorCalls = operatorCalls;
    this.reports = reports;
    this.signatures = signatures;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  @Override
  public void accept(RouterBuilder rb) {
    on(rb, "listOutages", ctx -> reply(ctx, 200, outages.open().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(o -> out.add(json(o)));
      return out;
    })));
    on(rb, "reportOutage", this::report);
    on(rb, "getOutage", ctx -> reply(ctx, 200, outages.get(id(ctx, "outageId")).map(HttpNotificationsRoutes::json)));
    on(rb, "updateOutage", ctx -> reply(ctx, 200, outages.reviseEstimate(id(ctx, "outageId"),
        instant(ctx.body().asJsonObject().getString("estimatedRestoration"), "estimatedRestoration"))
        .map(HttpNotificationsRoutes::json)));
    on(rb, "restoreOutage", ctx -> reply(ctx, 200, outages.restore(id(ctx, "outageId")).map(HttpNotificationsRoutes::json)));
    on(rb, "cancelOutage", ctx -> reply(ctx, 200, outages.cancel(id(ctx, "outageId")).map(HttpNotificationsRoutes::json)));
    on(rb, "listOutageCampaigns", ctx -> reply(ctx, 200, outbox.campaignsOf(id(ctx, "outageId")).compose(ids -> {
      List<Future<java.util.Optional<CampaignProgress>>> all = ids.stream().map(outbox::progress).toList();
      return Future.all(all).map(done -> {
        JsonArray out = new JsonArray();
        all.forEach(f -> f.result().ifPresent(p -> out.add(json(p))));
        return out;
      });
    })));
    on(rb, "getCampaign", ctx -> {
      UUID id = id(ctx, "campaignId");
      reply(ctx, 200, outbox.progress(id).map(p -> json(p.orElseThrow(() ->
          DomainException.notFound("no-such-campaign", "No campaign " + id)))));
    });
    on(rb, "listOperatorCalls", ctx -> {
      lineOne(ctx);
      String pending = ctx.request().getParam("pending");
      reply(ctx, 200, operatorCalls.list(pending == null || Boolean.parseBoolean(pending)).map(list -> {
        JsonArray out = new JsonArray();
        list.forEach(e -> out.add(new JsonObject().put("campaignId", e.campaignId().toString())
            .put("outageId", e.outageId().toString()).put("kind", e.kind().toLowerCase(Locale.ROOT))
            .put("customerId", e.customerId()).put("name", e.name()).put("phone", e.phone()).put("done", e.done())));
        return out;
      }));
    });
    on(rb, "completeOperatorCall", ctx -> {
      lineOne(ctx);
      operatorCalls.done(id(ctx, "campaignId"), ctx.pathParam("customerId"),
              ctx.user().principal().getString("username"))
          .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    });
    on(rb, "twilioStatusCallback", ctx -> signed(ctx, form -> {
      String key = ctx.request().getParam("key");
      return reports.status(key == null ? null : UUID.fromString(key), form.get("MessageSid"),
          form.get("MessageStatus"), form.get("ErrorCode"));
    }));
    on(rb, "twilioInboundSms", ctx -> signed(ctx, form -> reports.inbound(form.get("From"), form.get("Body")).mapEmpty()));
  }

  private void report(RoutingContext ctx) {
    JsonObject b = ctx.body().asJsonObject();
    String source = "user:" + ctx.user().principal().getString("username");
    Area area = area(b.getJsonObject("area"));
    boolean urgent = b.getBoolean("urgent", false);
    if (urgent && "planned".equals(b.getString("kind"))) {
      ctx.fail(DomainException.invalid("urgent-planned-outage", "Only an unplanned outage can be urgent"));
      return;
    }
    Future<Outage> created = "planned".equals(b.getString("kind"))
        ? outages.plan(new PlanOutage(area, b.getString("cause"), instant(b.getString("start"), "start"),
            instant(b.getString("end"), "end"), source))
        : outages.report(new ReportOutage(area, b.getString("cause"), instant(b.getString("start"), "start"),
            instant(b.getString("estimatedRestoration"), "estimatedRestoration"), source, b.getString("externalRef"),
            urgent));
    reply(ctx, 201, created.map(HttpNotificationsRoutes::json));
  }

  /** Informing large consumers is line 1's job: an agent must work on line 1 (supervisors may always). */
  private static void lineOne(RoutingContext ctx) {
    JsonObject me = ctx.user().principal();
    boolean supervisor = me.getJsonArray("roles", new JsonArray()).contains("supervisor")
        || me.getJsonArray("roles", new JsonArray()).contains("admin");
    if (!supervisor && !me.getJsonArray("lines", new JsonArray()).contains(1)) {
      throw DomainException.forbidden("not-line-1", "The outage call list belongs to line 1 operators");
    }
  }

  /** Runs {@code action} with the form parameters when the Twilio signature is valid; 403 otherwise. */
  private void signed(RoutingContext ctx, java.util.function.Function<Map<String, String>, Future<Void>> action) {
    Map<String, String> form = new HashMap<>();
    ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
    String url = publicBaseUrl + ctx.request().uri();
    if (!signatures.valid(url, form, ctx.request().getHeader("X-Twilio-Signature"))) {
      ctx.fail(DomainException.forbidden("bad-signature", "X-Twilio-Signature does not match this request"));
      return;
    }
    action.apply(form).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static void on(RouterBuilder rb, String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = rb.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in the OpenAPI contract");
    }
    route.addHandler(ctx -> {
      try {
        handler.handle(ctx);
      } catch (DomainException | IllegalArgumentException e) {
        ctx.fail(e);
      }
    });
  }

  private static void reply(RoutingContext ctx, int status, Future<?> body) {
    body.onSuccess(b -> ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(b instanceof JsonObject j ? j.encode() : ((JsonArray) b).encode())).onFailure(ctx::fail);
  }

  private static UUID id(RoutingContext ctx, String name) {
    return UUID.fromString(ctx.pathParam(name));
  }

  private static Instant instant(String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw DomainException.invalid("bad-time", field + " is not an ISO-8601 instant: " + value);
    }
  }

  private static Area area(JsonObject a) {
    return new Area(strings(a.getJsonArray("substations")), strings(a.getJsonArray("feeders")),
        strings(a.getJsonArray("postcodes")));
  }

  private static Set<String> strings(JsonArray a) {
    Set<String> out = new HashSet<>();
    if (a != null) {
      a.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  static JsonObject json(Outage o) {
    return new JsonObject().put("id", o.id().toString()).put("kind", lower(o.kind()))
        .put("state", lower(o.state()))
        .put("area", new JsonObject().put("substations", new JsonArray(List.copyOf(o.area().substations())))
            .put("feeders", new JsonArray(List.copyOf(o.area().feeders())))
            .put("postcodes", new JsonArray(List.copyOf(o.area().postcodes()))))
        .put("cause", o.cause()).put("start", o.start().toString()).put("end", text(o.end()))
        .put("estimatedRestoration", text(o.estimatedRestoration())).put("restoredAt", text(o.restoredAt()))
        .put("source", o.source()).put("externalRef", o.externalRef()).put("urgent", o.urgent())
        .put("version", o.version());
  }

  static JsonObject json(CampaignProgress p) {
    JsonObject sms = new JsonObject();
    p.sms().forEach((state, n) -> sms.put(lower(state), n));
    JsonObject calls = new JsonObject();
    p.calls().forEach((outcome, n) -> calls.put(outcome.toLowerCase(Locale.ROOT), n));
    return new JsonObject().put("id", p.campaignId().toString())
        .put("outageId", p.outageId() == null ? null : p.outageId().toString())
        .put("kind", lower(p.kind())).put("sms", sms).put("calls", calls).put("operatorCalls", p.operatorCalls())
        .put("smsTotal", p.smsTotal()).put("smsDone", p.smsDone());
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }
}
