package org.gridcare.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gridcare.config.ContactCentreConfig;
import org.gridcare.config.LineConfig;

/**
 * Today's service figures per line for the wallboard, from the journal ({@code acd.call.answered} /
 * {@code acd.call.abandoned} with their waits), so they survive restarts and agree across instances. Supervisors see
 * the lines they are assigned; admins all.
 */
public final class HttpWallboardRoutes implements Consumer<RouterBuilder> {
  static final String FRAGMENT = "openapi/wallboard.yaml";
  /** One pass over today's journal for all the lines asked, each with its own service-level time. */
  private static final String SQL = "SELECT j.line, "
      + "count(*) FILTER (WHERE j.type = 'acd.call.answered') AS answered, "
      + "count(*) FILTER (WHERE j.type = 'acd.call.answered' AND (j.data->>'waitedMs')::bigint <= t.sl * 1000) AS in_time, "
      + "count(*) FILTER (WHERE j.type = 'acd.call.abandoned') AS abandoned, "
      + "avg((j.data->>'waitedMs')::bigint) FILTER (WHERE j.type = 'acd.call.answered') AS asa_ms "
      + "FROM journal j JOIN unnest($2::int[], $3::int[]) AS t(line, sl) ON j.line = t.line "
      + "WHERE j.type IN ('acd.call.answered', 'acd.call.abandoned') AND j.at >= $1 GROUP BY j.line";
  private final Pool pool;
  private final ContactCentreConfig config;
  private final Clock clock;

  public HttpWallboardRoutes(Pool pool, ContactCentreConfig config, Clock clock) {
    this.pool = pool;
    this.config = config;
    this.clock = clock;
  }

  public static String fragment() {
    return FRAGMENT;
  }

  @Override
  public void accept(RouterBuilder rb) {
    HttpApi.on(rb, "wallboardToday", this::today);
  }

  private void today(RoutingContext ctx) {
    JsonObject me = ctx.user().principal();
    boolean admin = me.getJsonArray("roles", new JsonArray()).contains("admin");
    JsonArray mine = me.getJsonArray("lines", new JsonArray());
    ZoneId zone = config.locale().zone();
    var midnight = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toOffsetDateTime();
    JsonArray out = new JsonArray();
    Map<Integer, JsonObject> byLine = new HashMap<>();
    List<Integer> lines = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (LineConfig line : config.lines()) {
      if (!admin && !mine.contains(line.id())) {
        continue;
      }
      JsonObject entry = new JsonObject().put("line", line.id()).put("answered", 0).put("answeredInTime", 0)
          .put("abandoned", 0).putNull("serviceLevel").put("serviceLevelSeconds", line.serviceLevelSeconds())
          .put("serviceLevelTarget", line.serviceLevelTarget()).putNull("averageSpeedOfAnswerSeconds");
      out.add(entry);
      byLine.put(line.id(), entry);
      lines.add(line.id());
      targets.add(line.serviceLevelSeconds());
    }
    pool.preparedQuery(SQL)
        .execute(Tuple.of(midnight, lines.toArray(Integer[]::new), targets.toArray(Integer[]::new)))
        .onSuccess(rows -> {
          rows.forEach(r -> fill(byLine.get(r.getInteger("line")), r));
          HttpApi.json(ctx, 200, out);
        })
        .onFailure(ctx::fail);
  }

  private static void fill(JsonObject entry, Row r) {
    long answered = r.getLong("answered");
    long inTime = r.getLong("in_time");
    long abandoned = r.getLong("abandoned");
    entry.put("answered", answered).put("answeredInTime", inTime).put("abandoned", abandoned);
    if (answered + abandoned > 0) {
      entry.put("serviceLevel", (double) inTime / (answered + abandoned));
    }
    Object asa = r.getValue("asa_ms");
    if (asa != null) {
      entry.put("averageSpeedOfAnswerSeconds", Math.round(((Number) asa).doubleValue() / 100.0) / 10.0);
    }
  }
}
