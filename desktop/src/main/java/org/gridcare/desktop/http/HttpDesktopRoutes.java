package org.gridcare.desktop.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.gridcare.desktop.app.Contacts;
import org.gridcare.desktop.app.CrmDesk;
import org.gridcare.desktop.app.Desk;
import org.gridcare.desktop.app.DeskEvents;
import org.gridcare.desktop.app.KnowledgeBase;
import org.gridcare.desktop.app.Surveys;
import org.gridcare.desktop.domain.CallScript;
import org.gridcare.desktop.domain.Contact;
import org.gridcare.desktop.domain.DeskCall;
import org.gridcare.desktop.domain.Survey;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.platform.domain.Masking;

/**
 * Handlers of {@code openapi/desktop.yaml}. The server checks {@code x-roles}; every operation here acts on the
 * signed-in user's own operator (username = operator id), so an agent can never steer another operator's call.
 */
public final class HttpDesktopRoutes implements Consumer<RouterBuilder> {
  private final Desk desk;
  private final KnowledgeBase kb;
  private final Contacts contacts;
  private final Surveys surveys;

  public HttpDesktopRoutes(Desk desk, KnowledgeBase kb, Contacts contacts, Surveys surveys) {
    this.desk = desk;
    this.kb = kb;
    this.contacts = contacts;
    this.surveys = surveys;
  }

  @Override
  public void accept(RouterBuilder rb) {
    on(rb, "getDesktopSession", ctx -> reply(ctx, desk.session(me(ctx))));
    on(rb, "desktopStream", this::stream);
    on(rb, "holdDesktopCall", ctx -> reply(ctx, desk.hold(me(ctx))));
    on(rb, "resumeDesktopCall", ctx -> reply(ctx, desk.resume(me(ctx))));
    on(rb, "hangUpDesktopCall", ctx -> reply(ctx, desk.hangUp(me(ctx))));
    on(rb, "transferDesktopCall", ctx -> {
      JsonObject b = body(ctx);
      reply(ctx, desk.transfer(me(ctx), b.getString("topic"), b.getString("ticketId"), b.getBoolean("attended", false)));
    });
    on(rb, "handOverDesktopCall", ctx -> {
      JsonObject b = body(ctx);
      reply(ctx, desk.handOver(me(ctx), new Desk.Destination(b.getString("operator"), b.getString("number"),
          b.getString("ivrNode")), b.getBoolean("attended", false)));
    });
    on(rb, "conferenceDesktopCall", ctx -> {
      JsonObject b = body(ctx);
      reply(ctx, desk.conference(me(ctx), new Desk.Destination(b.getString("operator"), b.getString("number"), null)));
    });
    on(rb, "secondDesktopCall", ctx -> {
      JsonObject b = body(ctx);
      reply(ctx, desk.secondCall(me(ctx), new Desk.Destination(b.getString("operator"), b.getString("number"), null)));
    });
    on(rb, "switchDesktopCalls", ctx -> reply(ctx, desk.switchCalls(me(ctx))));
    on(rb, "hangUpSecondDesktopCall", ctx -> reply(ctx, desk.hangUpSecond(me(ctx))));
    on(rb, "completeDesktopTransfer", ctx -> reply(ctx, desk.completeTransfer(me(ctx), body(ctx).getString("ticketId"))));
    on(rb, "cancelDesktopTransfer", ctx -> reply(ctx, desk.cancelTransfer(me(ctx))));
    on(rb, "dialFromDesktop", ctx -> reply(ctx, desk.dial(me(ctx), body(ctx).getString("number"))));
    on(rb, "listDesktopHistory", ctx -> reply(ctx, desk.history(me(ctx), intParam(ctx, "limit", 50)).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(c -> out.add(call(c)));
      return out;
    })));
    on(rb, "callBackFromDesktop", ctx -> reply(ctx, desk.callBack(me(ctx), Long.parseLong(ctx.pathParam("id")))));
    on(rb, "listCallScripts", ctx -> {
      JsonArray out = new JsonArray();
      desk.scripts().forEach(s -> out.add(script(s)));
      reply(ctx, Future.succeededFuture(out));
    });
    on(rb, "getCallScript", ctx -> reply(ctx, Future.succeededFuture(desk.script(ctx.pathParam("topic")).map(HttpDesktopRoutes::script)
        .orElseThrow(() -> DomainException.notFound("no-such-script", "No call script for topic " + ctx.pathParam("topic"))))));
    on(rb, "saveCallScriptAnswers", ctx -> {
      JsonObject b = body(ctx);
      Map<String, String> answers = new HashMap<>();
      b.getJsonObject("answers").forEach(e -> answers.put(e.getKey(), String.valueOf(e.getValue())));
      reply(ctx, desk.saveAnswers(actor(ctx), ctx.pathParam("topic"), b.getLong("ticketId"), b.getString("callId"), answers));
    });
    on(rb, "listSurveys", ctx -> {
      JsonArray out = new JsonArray();
      surveys.list().forEach(s -> out.add(survey(s)));
      reply(ctx, Future.succeededFuture(out));
    });
    on(rb, "answerSurvey", ctx -> {
      JsonObject b = body(ctx);
      Map<String, String> answers = new HashMap<>();
      b.getJsonObject("answers").forEach(e -> answers.put(e.getKey(), String.valueOf(e.getValue())));
      reply(ctx, surveys.answer(actor(ctx), ctx.pathParam("surveyId"), b.getString("callId"), b.getLong("ticketId"),
          b.getLong("customerId"), answers));
    });
    on(rb, "searchKnowledgeBase", ctx -> reply(ctx, kb.search(ctx.queryParams().get("q"), intParam(ctx, "limit", 10)).map(hits -> {
      JsonArray out = new JsonArray();
      hits.forEach(h -> out.add(new JsonObject().put("slug", h.slug()).put("title", h.title()).put("language", h.language())
          .put("snippet", h.snippet()).put("rank", h.rank())));
      return out;
    })));
    on(rb, "listDesktopContacts", ctx -> reply(ctx, contacts.list(me(ctx), ctx.queryParams().get("q")).map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(c -> out.add(contact(c)));
      return out;
    })));
    on(rb, "addDesktopContact", ctx -> {
      JsonObject b = body(ctx);
      reply(ctx, contacts.add(me(ctx), b.getString("name"), b.getString("phone"), b.getString("organisation"))
          .map(HttpDesktopRoutes::contact));
    });
    on(rb, "removeDesktopContact", ctx -> contacts.remove(me(ctx), Long.parseLong(ctx.pathParam("id")))
        .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    on(rb, "getKnowledgeArticle", ctx -> reply(ctx, kb.article(ctx.pathParam("slug")).map(found -> found.map(a ->
        new JsonObject().put("slug", a.slug()).put("title", a.title()).put("language", a.language()).put("markdown", a.body()))
        .orElseThrow(() -> DomainException.notFound("no-such-article", "No article " + ctx.pathParam("slug"))))));
  }

  /**
   * Relays the desktop's events meant for this user (their operator id, or a reminder for one of their lines) as
   * SSE until the client goes away. The page resyncs with the session on every (re)connection.
   */
  private void stream(RoutingContext ctx) {
    String me = me(ctx);
    JsonArray lines = ctx.user().principal().getJsonArray("lines", new JsonArray());
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    MessageConsumer<JsonObject> consumer = ctx.vertx().eventBus().consumer(DeskEvents.ADDRESS, m -> {
      JsonObject e = m.body();
      boolean mine = me.equals(e.getString("operatorId"))
          || (e.getString("operatorId") == null && e.getInteger("line") != null && lines.contains(e.getInteger("line")));
      if (mine && !response.closed()) {
        response.write("event: " + e.getString("type") + "\ndata: " + e.getJsonObject("data").encode() + "\n\n");
      }
    });
    long keepAlive = ctx.vertx().setPeriodic(15_000, id -> {
      if (!response.closed()) {
        response.write(": keep-alive\n\n");
      }
    });
    response.closeHandler(v -> {
      consumer.unregister();
      ctx.vertx().cancelTimer(keepAlive);
    });
    consumer.completion().onSuccess(v -> response.write(": connected\n\n")).onFailure(ctx::fail);
  }

  private static void on(RouterBuilder rb, String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = rb.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in the OpenAPI contract");
    }
    route.addHandler(ctx -> {
      try {
        handler.handle(ctx);
      } catch (DomainException e) {
        ctx.fail(e);
      }
    });
  }

  private static void reply(RoutingContext ctx, Future<?> result) {
    result.onSuccess(body -> ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(body instanceof JsonObject j ? j.encode() : ((JsonArray) body).encode()))
        .onFailure(ctx::fail);
  }

  private static JsonObject body(RoutingContext ctx) {
    JsonObject b = ctx.body() == null ? null : ctx.body().asJsonObject();
    return b == null ? new JsonObject() : b;
  }

  private static int intParam(RoutingContext ctx, String name, int fallback) {
    String v = ctx.queryParams().get(name);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static CrmDesk.Actor actor(RoutingContext ctx) {
    JsonObject principal = ctx.user().principal();
    return new CrmDesk.Actor(me(ctx), principal.getJsonArray("roles", new JsonArray()).contains("admin"),
        principal.getJsonArray("lines", new JsonArray()).stream().map(l -> ((Number) l).intValue()).toList());
  }

  private static String me(RoutingContext ctx) {
    return ctx.user().principal().getString("username");
  }

  static JsonObject call(DeskCall c) {
    JsonObject json = new JsonObject().put("id", c.id()).put("callId", c.callId()).put("direction", c.direction().id())
        .put("caller", c.phone() == null ? null : Masking.phone(c.phone())).put("customerId", c.customerId())
        .put("line", c.line()).put("topic", c.topic()).put("startedAt", text(c.startedAt()))
        .put("answeredAt", text(c.answeredAt())).put("endedAt", text(c.endedAt())).put("outcome", c.outcome());
    return json;
  }

  static JsonObject contact(Contact c) {
    return new JsonObject().put("id", c.id()).put("name", c.name()).put("phone", c.phone())
        .put("organisation", c.organisation()).put("personal", !c.corporate());
  }

  static JsonObject script(CallScript s) {
    JsonArray questions = new JsonArray();
    s.questions().forEach(q -> questions.add(new JsonObject().put("id", q.id()).put("text", new JsonObject(new HashMap<>(q.text())))
        .put("type", q.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .put("options", new JsonArray(q.options())).put("required", q.required())));
    return new JsonObject().put("topic", s.topic()).put("title", new JsonObject(new HashMap<>(s.title())))
        .put("questions", questions);
  }

  static JsonObject survey(Survey s) {
    JsonArray questions = new JsonArray();
    s.questions().forEach(q -> {
      JsonArray options = new JsonArray();
      q.options().forEach(o -> options.add(new JsonObject().put("id", o.id()).put("text", new JsonObject(new HashMap<>(o.text())))));
      questions.add(new JsonObject().put("id", q.id()).put("text", new JsonObject(new HashMap<>(q.text())))
          .put("type", q.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).put("options", options)
          .put("required", q.required()));
    });
    return new JsonObject().put("id", s.id()).put("title", new JsonObject(new HashMap<>(s.title())))
        .put("ticketTopic", s.ticketTopic()).put("questions", questions);
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

}
