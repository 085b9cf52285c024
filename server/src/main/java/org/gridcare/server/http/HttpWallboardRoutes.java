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
import java.util.HashMap;
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
  private static final String SQL = "SELECT line, "
      + "count(*) FILTER (WHERE type = 'acd.call.answered') AS answered, "
      + "count(*) FILTER (WHERE type = 'acd.call.answered' AND (data->>'waitedMs')::bigint <= $2 * 1000) AS in_time, "
      + "count(*) FILTER (WHERE type = 'acd.call.abandoned') AS abandoned, "
      + "avg((data->>'waitedMs')::bigint) FILTER (WHERE type = 'acd.call.answered') AS asa_ms "
      + "FROM journal WHERE type IN ('acd.call.answered', 'acd.call.abandoned') AND at >= $1 AND line = $3 GROUP BY line";
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
    io.vertx.core.Future<Void> chain = io.vertx.core.Future.succeededFuture();
    Map<Integer, JsonObject> byLine = new HashMap<>();
    for (LineConfig line : config.lines()) {
      if (!admin && !mine.contains(line.id())) {
        continue;
      }
      JsonObject entry = new JsonObject().put("line", line.id()).put("answered", 0).put("answeredInTime", 0)
          .put("abandoned", 0).putNull("serviceLevel").put("serviceLevelSeconds", line.serviceLevelSeconds())
          .put("serviceLevelTarget", line.serviceLevelTarget()).putNull("averageSpeedOfAnswerSeconds");
      out.add(entry);
      byLine.put(line.id(), entry);
      chain = chain.compose(v -> pool.preparedQuery(SQL).execute(Tuple.of(midnight, line.serviceLevelSeconds(), line.id()))
          .map(rows -> {
            for (Row r : rows) {
              fill(byLine.get(r.getInteger("line")), r);
            }
            return null;
          }));
    }
    chain.onSuccess(v -> HttpApi.json(ctx, 200, out)).onFailure(ctx::fail);
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
