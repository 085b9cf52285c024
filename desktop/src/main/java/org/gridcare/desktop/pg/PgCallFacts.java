package org.gridcare.desktop.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.gridcare.desktop.app.CallFacts;

/**
 * Reads a call's facts from the {@code journal}: the IVR nodes it passed ({@code ivr.step}) and the topic, line and
 * ticket of its latest offer or transfer ({@code acd.call.*}).
 */
public final class PgCallFacts implements CallFacts {
  private final Pool pool;

  public PgCallFacts(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Facts> of(String callId) {
    return pool.preparedQuery("SELECT type, line, data FROM journal WHERE call_id = $1"
            + " AND (type = 'ivr.step' OR type IN ('acd.call.queued', 'acd.call.offered', 'acd.call.transferred',"
            + " 'acd.call.escalated')) ORDER BY id")
        .execute(Tuple.of(callId))
        .map(rows -> {
          List<String> path = new ArrayList<>();
          String topic = null;
          Integer line = null;
          String ticket = null;
          for (Row r : rows) {
            JsonObject data = r.getJsonObject("data");
            data = data == null ? new JsonObject() : data;
            if ("ivr.step".equals(r.getString("type"))) {
              String node = data.getString("node");
              if (node != null && (path.isEmpty() || !path.get(path.size() - 1).equals(node))) {
                path.add(node);
              }
            } else {
              topic = data.getString("topic", topic);
              line = r.getInteger("line") != null ? r.getInteger("line") : line;
              Object t = data.getValue("ticket");
              ticket = t != null ? t.toString() : ticket;
            }
          }
          return new Facts(path, topic, line, ticket);
        });
  }
}
