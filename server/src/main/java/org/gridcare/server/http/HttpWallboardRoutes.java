package org.gridcare.server.http;

import io.vertx.core.Future;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.gridcare.acd.app.Acd;
import org.gridcare.acd.app.QueueSnapshot;
import org.gridcare.acd.domain.OperatorState;
import org.gridcare.acd.domain.OperatorStatus;
import org.gridcare.acd.domain.OperatorView;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;
import org.gridcare.config.OperatorConfig;
import org.gridcare.notifications.http.CampaignProgressFeed;
import org.gridcare.pbx.Pbx;
import org.gridcare.pbx.domain.Channel;
import org.gridcare.pbx.domain.ChannelState;
import org.gridcare.pbx.domain.Endpoint;
import org.gridcare.pbx.domain.SpyMode;
import org.gridcare.platform.audit.Audit;
import org.gridcare.platform.audit.AuditEntry;
import org.gridcare.platform.domain.DomainException;
import org.gridcare.server.wallboard.AlertThresholds;
import org.gridcare.server.wallboard.Scope;
import org.gridcare.server.wallboard.WallboardFeed;

/**
 * The supervisor wallboard's API, everything scoped to the user's lines ({@link Scope}): today's figures per line
 * from the journal, the live state of queues and operators, alert thresholds, the live stream (the whole centre's
 * events through {@link WallboardFeed}), listen/whisper/barge (ChanSpy, audited) and the supervisor controls.
 */
public final class HttpWallboardRoutes implements Consumer<RouterBuilder> {
  static final String FRAGMENT = "openapi/wallboard.yaml";
  /** One pass over today's journal for all the lines asked, each with its own service-level time. */
  private static final String SQL = "SELECT j.line, "
      + "count(*) FILTER (WHERE j.type = 'acd.call.answered') AS answered, "
      + "count(*) FILTER (WHERE j.type = 'acd.call.answered' AND (j.data->>'waitedMs')::bigint <= t.sl * 1000) AS in_time, "
      + "count(*) FILTER (WHERE j.type = 'acd.call.abandoned') AS abandoned, "
      + "avg((j.data->>'waitedMs')::bigint) FILTER (WHERE j.type = 'acd.call.answered') AS asa_ms, "
      + "avg((j.data->>'talkMs')::bigint + (j.data->>'wrapUpMs')::bigint) "
      + "FILTER (WHERE j.type = 'acd.call.completed' AND coalesce((j.data->>'connected')::boolean, true)) AS aht_ms "
      + "FROM journal j JOIN unnest($2::int[], $3::int[]) AS t(line, sl) ON j.line = t.line "
      + "WHERE j.type IN ('acd.call.answered', 'acd.call.abandoned', 'acd.call.completed') AND j.at >= $1 GROUP BY j.line";
  private static final String CALLBACKS = "SELECT line, count(*) AS pending FROM acd_callback "
      + "WHERE status IN ('waiting', 'dialling') AND line = ANY($1) GROUP BY line";
  private static final Map<String, SpyMode> MODES = Map.of("listen", SpyMode.LISTEN, "whisper", SpyMode.WHISPER,
      "barge", SpyMode.BARGE);
  private static final Map<SpyMode, String> AUDIT_ACTIONS = Map.of(SpyMode.LISTEN, "call.listened",
      SpyMode.WHISPER, "call.whispered", SpyMode.BARGE, "call.barged");

  /** What the wallboard needs from the rest of the centre. */
  public record Parts(Pool pool, Acd acd, Pbx pbx, Audit audit, AlertThresholds alerts, WallboardFeed feed,
      Softphones softphones) {}

  /** A signed-in user's own softphone from their account ({@code users.endpoint}), if one is set. */
  @FunctionalInterface
  public interface Softphones {
    Future<Optional<String>> of(String username);
  }

  private final Parts parts;
  private final ContactCentreConfig config;
  private final Clock clock;
  private final Map<String, OperatorConfig> operators = new HashMap<>();

  public HttpWallboardRoutes(Parts parts, ContactCentreConfig config, Clock clock) {
    this.parts = parts;
    this.config = config;
    this.clock = clock;
    config.operators().forEach(o -> operators.put(o.id(), o));
  }

  public static String fragment() {
    return FRAGMENT;
  }

  @Override
  public void accept(RouterBuilder rb) {
    HttpApi.on(rb, "wallboardToday", this::today);
    HttpApi.on(rb, "wallboardState", this::state);
    HttpApi.on(rb, "setWallboardAlerts", this::setAlerts);
    HttpApi.on(rb, "wallboardSpy", this::spy);
    HttpApi.on(rb, "setWallboardOperatorState", this::operatorState);
    HttpApi.on(rb, "moveWallboardCall", this::moveCall);
    HttpApi.on(rb, "overrideWallboardLineHours", this::overrideLine);
    HttpApi.on(rb, "resetWallboardLineHours", this::resetLine);
    HttpApi.on(rb, "overrideWallboardOperatorSkills", this::overrideSkills);
    HttpApi.on(rb, "resetWallboardOperatorSkills", this::resetSkills);
    HttpApi.on(rb, "wallboardStream", this::stream);
  }

  private static Scope scope(RoutingContext ctx) {
    return Scope.of(ctx.user().principal());
  }

  private static String username(RoutingContext ctx) {
    return ctx.user().principal().getString("username");
  }

  private static void reply(RoutingContext ctx, Future<?> result) {
    result.onSuccess(body -> HttpApi.json(ctx, 200, body)).onFailure(ctx::fail);
  }

  // ---- today's figures ------------------------------------------------------------------------------------------

  private void today(RoutingContext ctx) {
    Scope scope = scope(ctx);
    ZoneId zone = config.locale().zone();
    var midnight = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toOffsetDateTime();
    JsonArray out = new JsonArray();
    Map<Integer, JsonObject> byLine = new HashMap<>();
    List<Integer> lines = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (LineConfig line : config.lines()) {
      if (!scope.sees(line.id())) {
        continue;
      }
      JsonObject entry = new JsonObject().put("line", line.id()).put("answered", 0).put("answeredInTime", 0)
          .put("abandoned", 0).putNull("serviceLevel").put("serviceLevelSeconds", line.serviceLevelSeconds())
          .put("serviceLevelTarget", line.serviceLevelTarget()).putNull("averageSpeedOfAnswerSeconds")
          .putNull("averageHandlingTimeSeconds").put("callbacksPending", 0);
      out.add(entry);
      byLine.put(line.id(), entry);
      lines.add(line.id());
      targets.add(line.serviceLevelSeconds());
    }
    Integer[] ids = lines.toArray(Integer[]::new);
    Future<Void> figures = parts.pool().preparedQuery(SQL)
        .execute(Tuple.of(midnight, ids, targets.toArray(Integer[]::new)))
        .map(rows -> {
          rows.forEach(r -> fill(byLine.get(r.getInteger("line")), r));
          return null;
        });
    Future<Void> callbacks = parts.pool().preparedQuery(CALLBACKS).execute(Tuple.of((Object) ids)).map(rows -> {
      rows.forEach(r -> byLine.get(r.getInteger("line")).put("callbacksPending", r.getLong("pending")));
      return null;
    });
    reply(ctx, Future.all(figures, callbacks).map(out));
  }

  private static void fill(JsonObject entry, Row r) {
    long answered = r.getLong("answered");
    long inTime = r.getLong("in_time");
    long abandoned = r.getLong("abandoned");
    entry.put("answered", answered).put("answeredInTime", inTime).put("abandoned", abandoned);
    if (answered + abandoned > 0) {
      entry.put("serviceLevel", (double) inTime / (answered + abandoned));
    }
    entry.put("averageSpeedOfAnswerSeconds", tenths(r.getValue("asa_ms")));
    entry.put("averageHandlingTimeSeconds", tenths(r.getValue("aht_ms")));
  }

  private static Double tenths(Object millis) {
    return millis == null ? null : Math.round(((Number) millis).doubleValue() / 100.0) / 10.0;
  }

  // ---- live state -----------------------------------------------------------------------------------------------

  private void state(RoutingContext ctx) {
    Scope scope = scope(ctx);
    Future<List<QueueSnapshot>> queues = parts.acd().queues();
    Future<List<OperatorView>> ops = parts.acd().operators();
    Future<Map<Integer, JsonObject>> alerts = parts.alerts().all();
    Future<Boolean> emergency = parts.acd().emergency();
    reply(ctx, Future.all(queues, ops, alerts, emergency).map(x -> {
      Instant now = clock.instant();
      JsonArray lines = new JsonArray();
      for (QueueSnapshot q : queues.result()) {
        if (!scope.sees(q.line())) {
          continue;
        }
        JsonObject byState = new JsonObject();
        q.operators().forEach((s, n) -> byState.put(s.id(), n));
        JsonArray calls = new JsonArray();
        q.calls().forEach(c -> calls.add(new JsonObject().put("callId", c.call().callId()).put("topic", c.call().topic())
            .put("priority", c.call().priority()).put("effectivePriority", c.effectivePriority())
            .put("hazard", c.call().hazard()).put("position", c.position()).put("waitedSeconds", c.waited().toSeconds())));
        lines.add(new JsonObject().put("line", q.line()).put("name", q.name()).put("open", q.open())
            .put("override", parts.acd().lineOverride(q.line()).map(HttpWallboardRoutes::override).orElse(null))
            .put("waiting", q.calls().size()).put("longestWaitSeconds", q.longestWait().toSeconds())
            .put("calls", calls).put("operators", byState).put("alerts", alerts.result().get(q.line())));
      }
      JsonArray operatorsOut = new JsonArray();
      for (OperatorView v : ops.result()) {
        if (!scope.seesAny(v.operator().lines())) {
          continue;
        }
        OperatorStatus s = v.status();
        JsonObject o = new JsonObject().put("id", v.id()).put("name", v.operator().name())
            .put("lines", new JsonArray(v.operator().lines().stream().sorted().toList())).put("state", s.state().id())
            .put("since", s.since() == null ? null : s.since().toString())
            .put("stateSeconds", s.since() == null ? null : Duration.between(s.since(), now).toSeconds())
            .put("reason", s.reason()).put("callId", s.callId())
            .put("skills", new JsonObject(new java.util.TreeMap<String, Object>(v.operator().skills())))
            .put("skillsOverridden", parts.acd().skillsOverridden(v.id()));
        operatorsOut.add(o);
      }
      JsonArray topics = new JsonArray();
      config.topics().forEach(t -> topics.add(new JsonObject().put("id", t.id()).put("name", t.name()).put("line", t.line())));
      return new JsonObject().put("lines", lines).put("operators", operatorsOut).put("emergency", emergency.result())
          .put("topics", topics).put("at", now.toString());
    }));
  }

  private void setAlerts(RoutingContext ctx) {
    int line = Integer.parseInt(ctx.pathParam("line"));
    try {
      scope(ctx).require(line);
    } catch (DomainException e) {
      ctx.fail(e);
      return;
    }
    reply(ctx, parts.alerts().set(line, ctx.body().asJsonObject())
        .compose(t -> parts.feed().publish("alerts", new JsonObject().put("line", line).put("alerts", t)).map(t)));
  }

  // ---- listen / whisper / barge ---------------------------------------------------------------------------------

  private void spy(RoutingContext ctx) {
    String operatorId = ctx.pathParam("operatorId");
    JsonObject body = ctx.body().asJsonObject();
    SpyMode mode = MODES.get(body.getString("mode"));
    reply(ctx, operator(ctx, operatorId).compose(cfg -> softphone(username(ctx)))
        .compose(endpoint -> parts.acd().operator(operatorId).compose(view -> spy(ctx, operatorId, mode, endpoint, view))));
  }

  /** The supervisor's own softphone from their account: never one named in the request. */
  private Future<String> softphone(String supervisor) {
    return parts.softphones().of(supervisor).compose(found -> found.isPresent()
        ? Future.succeededFuture(found.get())
        : Future.failedFuture(DomainException.conflict("no-softphone", "Your account has no softphone to ring: an "
            + "administrator sets it (./contact-centre user add --endpoint, or PUT /api/users/" + supervisor + "/endpoint)")));
  }

  /** Rings {@code endpoint} into the operator's live call (audited first). */
  private Future<JsonObject> spy(RoutingContext ctx, String operatorId, SpyMode mode, String endpoint, OperatorView view) {
    JsonObject body = ctx.body().asJsonObject();
    OperatorStatus s = view.status();
    if (s.state() != OperatorState.ON_CALL || s.endpoint() == null) {
      return Future.failedFuture(DomainException.conflict("operator-not-on-call", operatorId + " is not on a call"));
    }
    return parts.pbx().activeChannels().compose(channels -> {
      Optional<Channel> leg = channels.stream()
          .filter(c -> s.endpoint().equals(c.endpoint()) && c.state() == ChannelState.UP).findFirst();
      if (leg.isEmpty()) {
        return Future.failedFuture(DomainException.conflict("operator-not-on-call",
            operatorId + " has no live channel on " + s.endpoint()));
      }
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("operator", operatorId);
      details.put("supervisorEndpoint", endpoint);
      details.put("mode", body.getString("mode"));
      return parts.audit().record(AuditEntry.of(username(ctx), AUDIT_ACTIONS.get(mode), "call",
              Objects.requireNonNullElse(s.callId(), leg.get().callId().value())).details(details))
          .compose(v -> parts.pbx().spy(Endpoint.device(endpoint), leg.get().id(), mode))
          .map(r -> new JsonObject().put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT))
              .put("operator", operatorId).put("mode", body.getString("mode")).put("endpoint", endpoint));
    });
  }

  /** A configured operator the user may act on (404 unknown, 403 outside the user's lines). */
  private Future<OperatorConfig> operator(RoutingContext ctx, String operatorId) {
    OperatorConfig cfg = operators.get(operatorId);
    if (cfg == null) {
      return Future.failedFuture(DomainException.notFound("unknown-operator", "No operator " + operatorId));
    }
    if (!scope(ctx).seesAny(cfg.lines())) {
      return Future.failedFuture(DomainException.forbidden("operator-out-of-scope",
          "Operator " + operatorId + " works outside your lines"));
    }
    return Future.succeededFuture(cfg);
  }

  // ---- controls -------------------------------------------------------------------------------------------------

  private void operatorState(RoutingContext ctx) {
    String operatorId = ctx.pathParam("operatorId");
    JsonObject body = ctx.body().asJsonObject();
    String state = body.getString("state");
    reply(ctx, operator(ctx, operatorId).compose(cfg -> switch (state) {
      case "ready" -> parts.acd().ready(operatorId);
      case "not-ready" -> parts.acd().notReady(operatorId, body.getString("reason", "break"));
      default -> parts.acd().logout(operatorId);
    }).map(s -> new JsonObject().put("id", operatorId).put("state", s.state().id())));
  }

  private void moveCall(RoutingContext ctx) {
    String callId = ctx.pathParam("callId");
    JsonObject body = ctx.body().asJsonObject();
    Scope scope = scope(ctx);
    reply(ctx, parts.acd().waiting().compose(calls -> {
      var call = calls.stream().filter(c -> c.callId().equals(callId)).findFirst();
      if (call.isEmpty()) {
        return Future.failedFuture(DomainException.notFound("call-not-waiting", "Call " + callId + " is not waiting"));
      }
      if (!scope.sees(call.get().line())) {
        return Future.failedFuture(DomainException.forbidden("line-out-of-scope",
            "Call " + callId + " waits on a line outside your lines"));
      }
      Future<?> moved = body.getString("topic") == null ? Future.succeededFuture()
          : parts.acd().transfer(callId, body.getString("topic"), null, username(ctx));
      return moved.compose(v -> body.getInteger("priority") == null ? parts.acd().waiting()
              .map(all -> all.stream().filter(c -> c.callId().equals(callId)).findFirst().orElseThrow())
          : parts.acd().reprioritise(callId, body.getInteger("priority"), username(ctx)));
    }).map(c -> new JsonObject().put("callId", c.callId()).put("line", c.line()).put("topic", c.topic())
        .put("priority", c.priority())));
  }

  // ---- overrides of the configuration: a line's hours, an operator's skills ----------------------------------------

  private void overrideLine(RoutingContext ctx) {
    int line = Integer.parseInt(ctx.pathParam("line"));
    JsonObject body = ctx.body().asJsonObject();
    boolean open = body.getBoolean("open");
    Instant until;
    try {
      scope(ctx).require(line);
      until = body.getString("until") == null ? null : java.time.OffsetDateTime.parse(body.getString("until")).toInstant();
    } catch (DomainException e) {
      ctx.fail(e);
      return;
    } catch (java.time.format.DateTimeParseException e) {
      ctx.fail(DomainException.invalid("bad-until", "until must be an ISO date-time with an offset: " + e.getMessage()));
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("open", open);
    details.put("until", until == null ? "further-notice" : until.toString());
    reply(ctx, parts.audit().record(AuditEntry.of(username(ctx), open ? "line.opened" : "line.closed", "line",
            String.valueOf(line)).details(details))
        .compose(v -> parts.acd().overrideLine(line, open, until, username(ctx)))
        .map(HttpWallboardRoutes::override));
  }

  private void resetLine(RoutingContext ctx) {
    int line = Integer.parseInt(ctx.pathParam("line"));
    try {
      scope(ctx).require(line);
    } catch (DomainException e) {
      ctx.fail(e);
      return;
    }
    parts.audit().record(AuditEntry.of(username(ctx), "line.hours-reset", "line", String.valueOf(line)))
        .compose(v -> parts.acd().resetLine(line, username(ctx)))
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void overrideSkills(RoutingContext ctx) {
    String operatorId = ctx.pathParam("operatorId");
    Map<String, Integer> skills = new java.util.TreeMap<>();
    ctx.body().asJsonObject().getJsonObject("skills").forEach(e -> skills.put(e.getKey(), ((Number) e.getValue()).intValue()));
    List<String> unknown = skills.keySet().stream()
        .filter(t -> config.topics().stream().noneMatch(c -> c.id().equals(t))).toList();
    if (!unknown.isEmpty()) {
      ctx.fail(DomainException.invalid("unknown-topic", "No topics " + unknown + " (a skill is a topic's id)"));
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("skills", skills.toString());
    reply(ctx, operator(ctx, operatorId)
        .compose(cfg -> parts.audit().record(AuditEntry.of(username(ctx), "operator.skills-changed", "operator", operatorId)
            .details(details)))
        .compose(v -> parts.acd().overrideSkills(operatorId, skills, username(ctx)))
        .map(op -> skills(op.id(), op.skills(), true)));
  }

  private void resetSkills(RoutingContext ctx) {
    String operatorId = ctx.pathParam("operatorId");
    reply(ctx, operator(ctx, operatorId)
        .compose(cfg -> parts.audit().record(AuditEntry.of(username(ctx), "operator.skills-reset", "operator", operatorId)))
        .compose(v -> parts.acd().resetSkills(operatorId, username(ctx)))
        .map(op -> skills(op.id(), op.skills(), false)));
  }

  private static JsonObject skills(String operatorId, Map<String, Integer> skills, boolean overridden) {
    return new JsonObject().put("id", operatorId).put("skills", new JsonObject(new java.util.TreeMap<String, Object>(skills)))
        .put("overridden", overridden);
  }

  private static JsonObject override(org.gridcare.acd.domain.LineOverride o) {
    return new JsonObject().put("line", o.line()).put("open", o.open())
        .put("until", o.until() == null ? null : o.until().toString()).put("by", o.by()).put("at", o.at().toString());
  }

  // ---- live stream ----------------------------------------------------------------------------------------------

  /**
   * The centre's events the user may see, as SSE: {@code operator-state}, {@code queue}, {@code alerts} (all through
   * Redis), and {@code campaign}: the notifications' live progress, which each instance polls from the shared database.
   */
  private void stream(RoutingContext ctx) {
    Scope scope = scope(ctx);
    HttpServerResponse response = ctx.response().setChunked(true)
        .putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
    var bus = ctx.vertx().eventBus();
    List<MessageConsumer<JsonObject>> consumers = List.of(
        bus.<JsonObject>localConsumer(WallboardFeed.ADDRESS, m -> {
          String type = m.body().getString("type");
          JsonObject data = m.body().getJsonObject("data");
          if (visible(scope, type, data)) {
            send(response, type, data);
          }
        }),
        bus.<JsonObject>localConsumer(CampaignProgressFeed.ADDRESS, m -> send(response, "campaign", m.body())));
    response.closeHandler(v -> consumers.forEach(MessageConsumer::unregister));
    Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .onSuccess(v -> response.write(": connected\n\n"))
        .onFailure(ctx::fail);
  }

  private boolean visible(Scope scope, String type, JsonObject data) {
    if ("operator-state".equals(type)) {
      OperatorConfig op = operators.get(data.getString("operatorId"));
      return op != null && scope.seesAny(op.lines());
    }
    Integer line = data.getInteger("line");
    return line == null || scope.sees(line);
  }

  private static void send(HttpServerResponse response, String event, JsonObject data) {
    if (!response.closed()) {
      response.write("event: " + event + "\ndata: " + data.encode() + "\n\n");
    }
  }
}
