package org.gridcare.notifications.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.gridcare.notifications.app.StartSurveyCampaign;
import org.gridcare.notifications.app.Supervisor;
import org.gridcare.notifications.app.SurveyCampaigns;
import org.gridcare.notifications.domain.Area;
import org.gridcare.notifications.domain.PhoneSurvey;
import org.gridcare.notifications.domain.SurveyCampaign;
import org.gridcare.notifications.domain.SurveyProgress;
import org.gridcare.platform.domain.DomainException;

/**
 * Handlers of {@code openapi/survey-campaigns.yaml}. The scope is the principal's lines (a line-1 supervisor also
 * line 2, as on the wallboard and the reports); admins see every line.
 */
public final class HttpSurveyCampaignRoutes implements Consumer<RouterBuilder> {
  public static final String FRAGMENT = "openapi/survey-campaigns.yaml";
  private final SurveyCampaigns campaigns;

  public HttpSurveyCampaignRoutes(SurveyCampaigns campaigns) {
    this.campaigns = campaigns;
  }

  @Override
  public void accept(RouterBuilder rb) {
    on(rb, "listSurveyCampaigns", ctx -> reply(ctx, 200, campaigns.list(who(ctx)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(p -> out.add(json(p)));
      return out;
    })));
    on(rb, "startSurveyCampaign", ctx -> {
      JsonObject body = ctx.body().asJsonObject();
      JsonObject a = body.getJsonObject("area");
      JsonArray customers = body.getJsonArray("customers");
      StartSurveyCampaign cmd = new StartSurveyCampaign(body.getString("title"), body.getString("survey"),
          body.getInteger("line"), a == null ? null : new Area(strings(a.getJsonArray("substations")),
              strings(a.getJsonArray("feeders")), strings(a.getJsonArray("postcodes"))),
          customers == null ? null : customers.stream().map(String::valueOf).toList(),
          time(body.getString("windowFrom")), time(body.getString("windowTo")));
      reply(ctx, 201, campaigns.start(cmd, who(ctx)).map(HttpSurveyCampaignRoutes::json));
    });
    on(rb, "listPhoneSurveys", ctx -> {
      JsonArray out = new JsonArray();
      campaigns.surveys().values().stream().sorted((x, y) -> x.id().compareTo(y.id())).forEach(s -> out.add(json(s)));
      reply(ctx, 200, Future.succeededFuture(out));
    });
    on(rb, "getSurveyCampaign", ctx -> reply(ctx, 200, campaigns.progress(UUID.fromString(ctx.pathParam("campaignId")),
        who(ctx)).map(HttpSurveyCampaignRoutes::json)));
    on(rb, "controlSurveyCampaign", ctx -> reply(ctx, 200, campaigns.control(
        UUID.fromString(ctx.pathParam("campaignId")), ctx.pathParam("action"), who(ctx))
        .map(HttpSurveyCampaignRoutes::json)));
  }

  /** The signed-in supervisor and the lines they see. */
  static Supervisor who(RoutingContext ctx) {
    JsonObject me = ctx.user().principal();
    Set<Integer> lines = new HashSet<>();
    me.getJsonArray("lines", new JsonArray()).forEach(l -> lines.add(((Number) l).intValue()));
    if (lines.contains(1)) {
      lines.add(2);
    }
    return new Supervisor(me.getString("username"), lines,
        me.getJsonArray("roles", new JsonArray()).contains("admin"));
  }

  static JsonObject json(SurveyProgress p) {
    SurveyCampaign c = p.campaign();
    JsonObject out = new JsonObject().put("id", c.id().toString()).put("title", c.title()).put("survey", c.survey())
        .put("line", c.line());
    if (c.area() == null) {
      out.put("customers", c.listedCustomers());
    } else {
      out.put("area", new JsonObject().put("substations", new JsonArray(List.copyOf(c.area().substations())))
          .put("feeders", new JsonArray(List.copyOf(c.area().feeders())))
          .put("postcodes", new JsonArray(List.copyOf(c.area().postcodes()))));
    }
    return out.put("state", c.state().name().toLowerCase(Locale.ROOT)).put("finished", p.finished())
        .put("windowFrom", c.window().from().toString()).put("windowTo", c.window().to().toString())
        .put("createdBy", c.createdBy()).put("createdAt", c.createdAt().toString())
        .put("progress", new JsonObject().put("numbers", p.numbers()).put("dialled", p.dialled())
            .put("answered", p.answered()).put("completed", p.completed()).put("refused", p.refused())
            .put("machine", p.machine()).put("failed", p.failed()).put("pending", p.pending())
            .put("cancelled", p.cancelled()));
  }

  private static JsonObject json(PhoneSurvey s) {
    JsonArray questions = new JsonArray();
    s.questions().forEach(q -> {
      JsonObject text = new JsonObject();
      q.text().forEach(text::put);
      questions.add(new JsonObject().put("id", q.id()).put("min", q.min()).put("max", q.max()).put("text", text));
    });
    return new JsonObject().put("id", s.id()).put("questions", questions);
  }

  private static LocalTime time(String hhmm) {
    return hhmm == null ? null : LocalTime.parse(hhmm);
  }

  private static Set<String> strings(JsonArray a) {
    Set<String> out = new HashSet<>();
    if (a != null) {
      a.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  private static void on(RouterBuilder rb, String operationId, io.vertx.core.Handler<RoutingContext> handler) {
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
}
