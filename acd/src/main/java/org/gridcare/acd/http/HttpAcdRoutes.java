package org.gridcare.acd.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.gridcare.acd.app.Acd;
import org.gridcare.acd.app.AcdEvents;
import org.gridcare.acd.app.QueueSnapshot;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.acd.domain.Presence;
import org.gridcare.acd.domain.WaitingCall;
import org.gridcare.platform.domain.DomainException;

/**
 * Handlers for the operations of {@code openapi/acd.yaml}. The server checks {@code x-roles}; here: an agent acts
 * only on their own operator (the username is the operator id) and escalates only their own call, and sees only
 * their lines' queues; supervisors and admins act on anyone.
 */
public final class HttpAcdRoutes implements Consumer<RouterBuilder> {
  private final Acd acd;

  public HttpAcdRoutes(Acd acd) {
    this.acd = acd;
  }

  @Override
  public void accept(RouterBuilder rb) {
    on(rb, "listAcdOperators", ctx -> reply(ctx, acd.operators().map(list -> {
      JsonArray out = new JsonArray();
      list.forEach(o -> out.add(operator(o)));
      return out;
    })));
    on(rb, "getAcdOperator", ctx -> reply(ctx, acd.operator(ctx.pathParam("operatorId")).map(HttpAcdRoutes::operator)));
    on(rb, "acdOperatorLogin", ctx -> {
      JsonObject body = ctx.body() == null ? null : ctx.body().asJsonObject();
      String endpoint = body == null ? null : body.getString("endpoint");
      onOperator(ctx, id -> acd.login(id, endpoint));
    });
    on(rb, "acdOperatorReady", ctx -> onOperator(ctx, acd::ready));
    on(rb, "acdOperatorNotReady", ctx -> onOperator(ctx, id -> acd.notReady(id, ctx.body().asJsonObject().getString("reason"))));
    on(rb, "acdOperatorLogout", ctx -> onOperator(ctx, acd::logout));
    on(rb, "listAcdQueues", this::queues);
    on(rb, "reprioritiseAcdCall", ctx -> reply(ctx, acd.reprioritise(ctx.pathParam("callId"),
        ctx.body().asJsonObject().getInteger("priority"), username(ctx)).map(c -> call(c, Instant.now()))));
    on(rb, "transferAcdCall", this::transfer);
    on(rb, "acdStream", this::stream);
    on(rb, "getAcdEmergency", ctx -> reply(ctx, acd.emergency().map(on -> new JsonObject().put("on", on))));
    on(rb, "setAcdEmergency", ctx -> {
      boolean on = ctx.body().asJsonObject().getBoolean("on");
      reply(ctx, acd.setEmergency(on, username(ctx)).map(v -> new JsonObject().put("on", on)));
    });
  }

  private static void on(RouterBuilder rb, String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = rb.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("no operation " + operationId + " in the OpenAPI contract");
    }
    route.addHandler(handler);
  }

  private void onOperator(RoutingContext ctx, java.util.function.Function<String, Future<OperatorStatus>> change) {
    String id = ctx.pathParam("operatorId");
    if (!supervises(ctx) && !id.equals(username(ctx))) {
      ctx.fail(DomainException.forbidden("not-your-operator", "Agents change only their own state"));
      return;
    }
    reply(ctx, change.apply(id).compose(s -> acd.operator(id)).map(HttpAcdRoutes::operator));
  }

  private void queues(RoutingContext ctx) {
    JsonArray mine = ctx.user().principal().getJsonArray("lines", new JsonArray());
    boolean all = supervises(ctx);
    reply(ctx, acd.queues().map(list -> {
      Instant now = Instant.now();
      JsonArray out = new JsonArray();
      list.stream().filter(q -> all || mine.contains(q.line())).forEach(q -> out.add(queue(q, now)));
      return out;
    }));
  }

  private void transfer(RoutingContext ctx) {
    String callId = ctx.pathParam("callId");
    JsonObject body = ctx.body().asJsonObject();
    Future<Void> allowed = supervises(ctx) ? Future.succeededFuture() : acd.operatorOf(callId).compose(op ->
        op.filter(username(ctx)::equals).isPresent() ? Future.succeededFuture()
            : Future.failedFuture(DomainException.forbidden("not-your-call", "Agents escalate only the call they are on")));
    reply(ctx, allowed.compose(v -> acd.transfer(callId, body.getString("topic"), body.getString("ticketId"), username(ctx)))
        .map(c -> call(c, Instant.now())));
  }

  /**
   * Relays the ACD's event-bus messages as SSE until the client goes away: every operator-state change, queue
   * events of the lines the user may see, and screen pops meant for this user.
   */
  private void stream(RoutingContext ctx) {
    String me = username(ctx);
    boolean all = supervises(ctx);
    JsonArray lines = ctx.user().principal().getJsonArray("lines", new JsonArray());
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    EventBus bus = ctx.vertx().eventBus();
    List<MessageConsumer<JsonObject>> consumers = List.of(
        bus.<JsonObject>consumer(AcdEvents.OPERATOR_STATE, m -> send(response, "operator-state", m.body())),
        bus.<JsonObject>consumer(AcdEvents.QUEUE_CHANGED, m -> {
          Integer line = m.body().getInteger("line");
          if (all || line == null || lines.contains(line)) {
            send(response, "queue", m.body());
          }
        }),
        bus.<JsonObject>consumer(AcdEvents.SCREEN_POP, m -> {
          if (me.equals(m.body().getString("operatorId"))) {
            send(response, "screen-pop", m.body());
          }
        }));
    response.closeHandler(v -> consumers.forEach(MessageConsumer::unregister));
    Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .onSuccess(v -> response.write(": connected\n\n"))
        .onFailure(ctx::fail);
  }

  private static void send(HttpServerResponse response, String event, JsonObject data) {
    if (!response.closed()) {
      response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }
  }

  private static void reply(RoutingContext ctx, Future<?> result) {
    result.onSuccess(body -> ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(body instanceof JsonObject j ? j.encode() : ((JsonArray) body).encode()))
        .onFailure(ctx::fail);
  }

  private static String username(RoutingContext ctx) {
    return ctx.user().principal().getString("username");
  }

  private static boolean supervises(RoutingContext ctx) {
    JsonArray roles = ctx.user().principal().getJsonArray("roles", new JsonArray());
    return roles.contains("supervisor") || roles.contains("admin");
  }

  static JsonObject operator(OperatorView v) {
    OperatorStatus s = v.status();
    JsonObject skills = new JsonObject();
    v.operator().skills().forEach(skills::put);
    return compact(new JsonObject()
        .put("id", v.id()).put("name", v.operator().name()).put("state", s.state().id())
        .put("presence", s.presence() == Presence.LOGGED_OUT ? "logged-out" : s.presence() == Presence.READY ? "ready" : "not-ready")
        .put("reason", s.reason()).put("endpoint", s.endpoint()).put("callId", s.callId())
        .put("since", text(s.since())).put("idleSince", text(s.idleSince())).put("wrapUpUntil", text(s.wrapUpUntil()))
        .put("lines", new JsonArray(v.operator().lines().stream().sorted().toList())).put("skills", skills));
  }

  static JsonObject queue(QueueSnapshot q, Instant now) {
    JsonObject ops = new JsonObject();
    q.operators().forEach((state, n) -> ops.put(state.id(), n));
    JsonArray calls = new JsonArray();
    q.calls().forEach(c -> calls.add(compact(call(c.call(), now).put("position", c.position())
        .put("waitedSeconds", c.waited().toSeconds()).put("effectivePriority", c.effectivePriority())
        .put("estimatedWaitSeconds", c.estimatedWait().map(Duration::toSeconds).orElse(null)))));
    return new JsonObject().put("line", q.line()).put("name", q.name()).put("open", q.open())
        .put("waiting", q.calls().size()).put("longestWaitSeconds", q.longestWait().toSeconds())
        .put("operators", ops).put("calls", calls);
  }

  static JsonObject call(WaitingCall c, Instant now) {
    return compact(new JsonObject().put("callId", c.callId()).put("line", c.line()).put("topic", c.topic())
        .put("priority", c.priority()).put("hazard", c.hazard()).put("callback", c.callback())
        .put("customerId", c.customerId()).put("ticketId", c.ticketId()).put("enqueuedAt", c.enqueuedAt().toString())
        .put("waitedSeconds", c.waited(now).toSeconds()));
  }

  private static String text(Instant i) {
    return i == null ? null : i.toString();
  }

  /** Leaves absent values out instead of writing nulls. */
  private static JsonObject compact(JsonObject json) {
    json.getMap().values().removeIf(Objects::isNull);
    return json;
  }
}
