package org.gridcare.reports.pg;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gridcare.reports.domain.Report;

/**
 * The daily rollups (V820): how whole local days are rolled up, and the reports that read them. A rolled report has the
 * parameters of {@link ReportSql}'s and gives the same rows: the rolled days of {@code report_rollup_window} inside the
 * range come from the day tables, the rest of the range (its edges, and everything when nothing is rolled) from the
 * journal with the raw report's own conditions.
 */
final class RollupSql {
  private RollupSql() {}

  /** The service rollup counts answers by whole seconds of wait up to this (V820's cap, 3601, means "longer"). */
  static final int MAX_TARGET_SECONDS = 3600;

  /** A completion that was a conversation (as {@link ReportSql}'s): not a callback attempt never answered. */
  private static final String TALKED = "coalesce((j.data->>'connected')::boolean, true)";

  /** The local day (its midnight) a journal row falls in; {@code $3} is the zone. */
  private static final String DAY = "date_trunc('day', j.at, $3)";

  /** Seconds in each state the occupancy report shows, null when none. */
  private static final String OCCUPANCY_STATES = "sum(s.seconds) FILTER (WHERE s.state = 'ready'), "
      + "sum(s.seconds) FILTER (WHERE s.state = 'reserved'), sum(s.seconds) FILTER (WHERE s.state = 'on-call'), "
      + "sum(s.seconds) FILTER (WHERE s.state = 'wrap-up'), sum(s.seconds) FILTER (WHERE s.state = 'not-ready')";

  /** First of all: the operators with a state change in [$1, $2), whose state may carry into the following days. */
  static final String OPERATORS = "INSERT INTO report_rollup_operator SELECT DISTINCT j.operator_id FROM journal j "
      + "WHERE j.type = 'acd.operator.state-changed' AND j.at >= $1 AND j.at < $2 AND j.operator_id IS NOT NULL "
      + "ON CONFLICT DO NOTHING";

  /** Then these, over the days [$1, $2) (local midnights) in zone $3, in order. */
  static final List<String> BUILD = List.of(
      "INSERT INTO report_day_requests SELECT " + DAY + ", j.line, "
          + "count(*) FILTER (WHERE j.type = 'ivr.completed'), "
          + "count(*) FILTER (WHERE j.type IN ('acd.callback.dialled', 'notify.voice.completed')), "
          + "count(*) FILTER (WHERE j.type = 'ivr.completed' AND j.data->>'ending' = 'self-served'), "
          + "count(*) FILTER (WHERE j.type = 'ivr.completed' AND j.data->>'ending' = 'transferred'), "
          + "count(*) FILTER (WHERE j.type = 'acd.call.completed' AND " + TALKED + ") "
          + "FROM journal j WHERE j.at >= $1 AND j.at < $2 AND j.type IN ('ivr.completed', 'acd.callback.dialled', "
          + "'notify.voice.completed', 'acd.call.completed', 'acd.call.queued') GROUP BY 1, 2",
      "INSERT INTO report_day_open_queued SELECT " + DAY + ", j.call_id, j.line FROM journal j "
          + "WHERE j.type = 'acd.call.queued' AND j.at >= $1 AND j.at < $2 AND NOT EXISTS (SELECT 1 FROM journal e "
          + "  WHERE " + ReportSql.ENDS_CALL + " AND e.at >= $1 "
          + "  AND e.at < $2 AND e.call_id = j.call_id AND date_trunc('day', e.at, $3) = " + DAY + ")",
      "INSERT INTO report_day_service SELECT " + DAY + ", j.line, "
          + "CASE WHEN j.type = 'acd.call.answered' THEN least(ceil(j.waited / 1000.0), 3601)::int END, "
          + "count(*) FILTER (WHERE j.type = 'acd.call.answered'), "
          + "count(j.waited) FILTER (WHERE j.type = 'acd.call.answered'), "
          + "coalesce(sum(j.waited) FILTER (WHERE j.type = 'acd.call.answered'), 0), "
          + "count(*) FILTER (WHERE j.type = 'acd.call.abandoned'), "
          + "count(j.waited) FILTER (WHERE j.type = 'acd.call.abandoned'), "
          + "coalesce(sum(j.waited) FILTER (WHERE j.type = 'acd.call.abandoned'), 0), "
          + "count(*) FILTER (WHERE j.type = 'acd.call.overflowed'), "
          + "count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited < 10000), "
          + "count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited >= 10000 AND j.waited < 30000), "
          + "count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited >= 30000 AND j.waited < 60000), "
          + "count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited >= 60000 AND j.waited < 120000), "
          + "count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited >= 120000) "
          + "FROM (SELECT at, type, line, (data->>'waitedMs')::bigint AS waited FROM journal WHERE at >= $1 AND at < $2 "
          + "  AND type IN ('acd.call.answered', 'acd.call.abandoned', 'acd.call.overflowed') "
          + "  AND NOT coalesce((data->>'callback')::boolean, false) AND line IS NOT NULL) j GROUP BY 1, 2, 3",
      "INSERT INTO report_day_aht SELECT " + DAY + ", j.line, j.operator_id, count(*), "
          + "count(j.talk), coalesce(sum(j.talk), 0), count(j.wrap), coalesce(sum(j.wrap), 0), "
          + "count(j.talk + j.wrap), coalesce(sum(j.talk + j.wrap), 0) "
          + "FROM (SELECT at, line, operator_id, (data->>'talkMs')::bigint AS talk, (data->>'wrapUpMs')::bigint AS wrap "
          + "  FROM journal j WHERE type = 'acd.call.completed' AND " + TALKED + " AND at >= $1 AND at < $2) j "
          + "GROUP BY 1, 2, 3",
      "INSERT INTO report_day_ivr_time SELECT " + DAY + ", j.data->>'ending', count(*), "
          + "count((j.data->>'durationMs')::bigint), coalesce(sum((j.data->>'durationMs')::bigint), 0) "
          + "FROM journal j WHERE j.type = 'ivr.completed' AND j.at >= $1 AND j.at < $2 GROUP BY 1, 2",
      // the occupancy report's own spans, by day, for every operator seen so far
      "INSERT INTO report_day_occupancy SELECT s.bucket, s.operator_id, " + OCCUPANCY_STATES + " FROM ("
          + occupancySplit("(SELECT $1::timestamptz AS a, $2::timestamptz AS b, 'day'::text AS step, $3::text AS zone, "
          + "$1::timestamptz AS origin, array_agg(operator_id) AS ops FROM report_rollup_operator)") + ") s "
          + "GROUP BY 1, 2",
      // each transition's time since the ticket's previous one, whenever that was
      "INSERT INTO report_day_tickets SELECT " + DAY + ", j.line, j.from_state, j.to_state, count(*), "
          + "count(j.seconds), coalesce(sum(j.seconds), 0), max(j.seconds) FROM ("
          + ticketTransitions("$1::timestamptz", "$2::timestamptz") + ") j GROUP BY 1, 2, 3, 4");

  /** The transitions in [a, b) with the seconds since the same ticket's previous transition (null for the first). */
  private static String ticketTransitions(String a, String b) {
    return "SELECT t.at, t.line, coalesce(t.data->>'from', '(created)') AS from_state, t.data->>'to' AS to_state, "
        + "extract(epoch FROM t.at - p.at) AS seconds FROM journal t LEFT JOIN LATERAL (SELECT p.at FROM journal p "
        + "  WHERE p.type = 'crm.ticket.transitioned' AND p.data->>'ticket' = t.data->>'ticket' AND p.at <= t.at "
        + "  AND (p.at, p.id) < (t.at, t.id) ORDER BY p.at DESC, p.id DESC LIMIT 1) p ON true "
        + "WHERE t.type = 'crm.ticket.transitioned' AND t.data->>'ticket' IS NOT NULL AND t.at >= " + a + " AND t.at < " + b;
  }

  /**
   * The occupancy report's spans of the ranges in {@code ranges} (columns a, b, step, zone, origin, ops): each operator's
   * state changes in [a, b) and the state held at a, each span cut at the intervals' boundaries, in seconds (numeric:
   * the same sum in any order). Columns bucket, operator_id, state, seconds.
   */
  static String occupancySplit(String ranges) {
    return "WITH e AS " + ranges + ", "
        + "changes AS (SELECT e.a, e.b, e.step, e.zone, e.origin, j.operator_id, j.at, j.id, j.data->>'to' AS state "
        + "  FROM e CROSS JOIN LATERAL (SELECT j.operator_id, j.at, j.id, j.data FROM journal j "
        + "    WHERE j.type = 'acd.operator.state-changed' AND j.at >= e.a AND j.at < e.b AND j.operator_id = ANY(e.ops) "
        + "    OFFSET 0) j " // OFFSET 0: kept a subquery, so each range is an index range scan of its own
        + "  UNION ALL SELECT e.a, e.b, e.step, e.zone, e.origin, op.id, e.a, NULL, last.state FROM e "
        + "  CROSS JOIN unnest(e.ops) AS op(id) CROSS JOIN LATERAL (SELECT j.data->>'to' AS state FROM journal j "
        + "    WHERE j.type = 'acd.operator.state-changed' AND j.operator_id = op.id AND j.at < e.a "
        + "    ORDER BY j.at DESC, j.id DESC LIMIT 1) last), "
        + "spans AS (SELECT c.*, coalesce(lead(c.at) OVER (PARTITION BY c.a, c.operator_id ORDER BY c.at, c.id NULLS FIRST), "
        + "  least(c.b, now())) AS until FROM changes c) "
        + "SELECT g.bucket, s.operator_id, s.state, g.seconds FROM spans s CROSS JOIN LATERAL ("
        + "    SELECT report_bucket(s.at, s.step, s.zone, s.origin) AS bucket, extract(epoch FROM s.until - s.at) AS seconds "
        + "    WHERE report_bucket(s.until - interval '1 microsecond', s.step, s.zone, s.origin) "
        + "      = report_bucket(s.at, s.step, s.zone, s.origin) "
        + "    UNION ALL SELECT r.bucket, r.seconds::numeric FROM report_spans(s.at, s.until, s.step, s.zone, s.origin) r "
        + "    WHERE report_bucket(s.until - interval '1 microsecond', s.step, s.zone, s.origin) "
        + "      <> report_bucket(s.at, s.step, s.zone, s.origin)) g "
        + "WHERE s.until > s.at AND s.state <> 'logged-out'";
  }

  /** Deletes the rolled days from $1 on. */
  static final List<String> DELETE_FROM = List.of("report_day_requests", "report_day_open_queued", "report_day_service",
      "report_day_aht", "report_day_ivr_time", "report_day_occupancy", "report_day_tickets").stream()
      .map(t -> "DELETE FROM " + t + " WHERE day_start >= $1").toList();

  private static final String WINDOW = "w AS (SELECT * FROM report_rollup_window($1, $2, $4))";
  /** The range's parts read raw: [$1, r1) and [r2, $2). */
  private static final String EDGES = "edges AS (SELECT e.a, e.b FROM w CROSS JOIN LATERAL (VALUES ($1::timestamptz, w.r1), "
      + "(w.r2, $2::timestamptz)) AS e(a, b) WHERE e.a < e.b)";
  private static final String ROLLED = " r JOIN w ON r.day_start >= w.r1 AND r.day_start < w.r2";
  private static final String BUCKET = "report_bucket(r.day_start, $3, $4, $1)";
  private static final String RAW_BUCKET = "report_bucket(j.at, $3, $4, $1)";
  private static final String EDGE = "j.at >= edges.a AND j.at < edges.b";
  private static final String LINES = "($5::int[] IS NULL OR %s = ANY($5))";

  /**
   * The raw partials of each edge: an aggregate per edge (a lateral subquery, so each edge is an index range scan of
   * its own rather than a join over the whole journal).
   */
  private static String perEdge(String aggregate) {
    return "SELECT x.* FROM edges CROSS JOIN LATERAL (" + aggregate + ") x";
  }

  /** The rolled reports, each with {@link ReportSql}'s parameters and rows. */
  static final Map<Report, String> SQL = new EnumMap<>(Report.class);

  static {
    // a queued call is in progress without an end in the range ($1, $2), looked up by call (few queued calls per edge)
    String ended = "LEFT JOIN LATERAL (SELECT true AS ended FROM journal e WHERE e.call_id = %s AND "
        + ReportSql.ENDS_CALL + " AND e.at >= $1 AND e.at < $2 LIMIT 1) x ";
    SQL.put(Report.REQUESTS, "WITH " + WINDOW + ", " + EDGES + ", parts AS ("
        + "  SELECT " + BUCKET + " AS bucket, r.line, r.inbound, r.outbound, r.closed_in_ivr, r.routed, "
        + "    r.closed_by_operator, 0 AS in_progress FROM report_day_requests" + ROLLED + " WHERE " + LINES.formatted("r.line")
        + "  UNION ALL SELECT " + BUCKET + ", r.line, 0, 0, 0, 0, 0, 1 FROM report_day_open_queued" + ROLLED + " "
        + ended.formatted("r.call_id") + "ON true WHERE " + LINES.formatted("r.line") + " AND x.ended IS NULL "
        + "  UNION ALL " + perEdge("SELECT " + RAW_BUCKET + " AS bucket, j.line, "
        + "  count(*) FILTER (WHERE j.type = 'ivr.completed'), "
        + "  count(*) FILTER (WHERE j.type IN ('acd.callback.dialled', 'notify.voice.completed')), "
        + "  count(*) FILTER (WHERE j.type = 'ivr.completed' AND j.data->>'ending' = 'self-served'), "
        + "  count(*) FILTER (WHERE j.type = 'ivr.completed' AND j.data->>'ending' = 'transferred'), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.completed' AND " + TALKED + "), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.queued' AND x.ended IS NULL) "
        + "  FROM journal j " + ended.formatted("j.call_id") + "ON j.type = 'acd.call.queued' "
        + "  WHERE " + EDGE + " AND j.type IN ('ivr.completed', 'acd.callback.dialled', 'notify.voice.completed', "
        + "  'acd.call.completed', 'acd.call.queued') AND " + LINES.formatted("j.line") + " GROUP BY 1, 2") + ") "
        + "SELECT bucket, line, sum(inbound)::bigint AS inbound, sum(outbound)::bigint AS outbound, "
        + "sum(closed_in_ivr)::bigint AS closed_in_ivr, sum(routed)::bigint AS routed, "
        + "sum(closed_by_operator)::bigint AS closed_by_operator, sum(in_progress)::bigint AS in_progress "
        + "FROM parts GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST");

    String offered = "nullif(sum(p.answered) + sum(p.abandoned), 0)";
    SQL.put(Report.SERVICE, "WITH " + WINDOW + ", " + EDGES + ", parts AS ("
        + "  SELECT " + BUCKET + " AS bucket, r.line, r.answered, "
        + "    CASE WHEN r.wait_s <= t.sl THEN r.answered ELSE 0 END AS in_time, r.answered_waits, r.answered_waited, "
        + "    r.abandoned, r.abandoned_waits, r.abandoned_waited, r.overflowed, r.abandoned_under_10s, r.abandoned_10_30s, "
        + "    r.abandoned_30_60s, r.abandoned_60_120s, r.abandoned_over_120s "
        + "  FROM report_day_service" + ROLLED + " JOIN unnest($6::int[], $7::int[]) AS t(line, sl) ON t.line = r.line "
        + "  WHERE " + LINES.formatted("r.line")
        + "  UNION ALL " + perEdge("SELECT " + RAW_BUCKET + " AS bucket, j.line, "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.answered'), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.answered' AND j.waited <= t.sl * 1000), "
        + "  count(j.waited) FILTER (WHERE j.type = 'acd.call.answered'), "
        + "  coalesce(sum(j.waited) FILTER (WHERE j.type = 'acd.call.answered'), 0), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.abandoned'), "
        + "  count(j.waited) FILTER (WHERE j.type = 'acd.call.abandoned'), "
        + "  coalesce(sum(j.waited) FILTER (WHERE j.type = 'acd.call.abandoned'), 0), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.overflowed'), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited < 10000), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited >= 10000 AND j.waited < 30000), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited >= 30000 AND j.waited < 60000), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited >= 60000 AND j.waited < 120000), "
        + "  count(*) FILTER (WHERE j.type = 'acd.call.abandoned' AND j.waited >= 120000) "
        + "  FROM (SELECT j.at, j.type, j.line, (j.data->>'waitedMs')::bigint AS waited FROM journal j WHERE " + EDGE
        + "    AND j.type IN ('acd.call.answered', 'acd.call.abandoned', 'acd.call.overflowed') "
        + "    AND NOT coalesce((j.data->>'callback')::boolean, false)) j "
        + "  JOIN unnest($6::int[], $7::int[]) AS t(line, sl) ON t.line = j.line WHERE " + LINES.formatted("j.line")
        + "  GROUP BY 1, 2") + ") "
        + "SELECT p.bucket, p.line, sum(p.answered)::bigint AS answered, sum(p.in_time)::bigint AS answered_in_time, "
        + "sum(p.abandoned)::bigint AS abandoned, sum(p.overflowed)::bigint AS overflowed, "
        + "round(100.0 * sum(p.in_time) / " + offered + ", 1) AS service_level_pct, "
        + "round(sum(p.answered_waited) / nullif(sum(p.answered_waits), 0) / 1000.0, 1) AS asa_s, "
        + "round(100.0 * sum(p.abandoned) / " + offered + ", 1) AS abandon_rate_pct, "
        + "round(sum(p.abandoned_waited) / nullif(sum(p.abandoned_waits), 0) / 1000.0, 1) AS avg_wait_before_abandon_s, "
        + "sum(p.abandoned_under_10s)::bigint AS abandoned_under_10s, sum(p.abandoned_10_30s)::bigint AS abandoned_10_30s, "
        + "sum(p.abandoned_30_60s)::bigint AS abandoned_30_60s, sum(p.abandoned_60_120s)::bigint AS abandoned_60_120s, "
        + "sum(p.abandoned_over_120s)::bigint AS abandoned_over_120s "
        + "FROM parts p GROUP BY 1, 2 ORDER BY 1, 2");

    SQL.put(Report.AHT, "WITH " + WINDOW + ", " + EDGES + ", parts AS ("
        + "  SELECT " + BUCKET + " AS bucket, r.line, r.operator_id, r.handled, r.talk_n, r.talk_ms, r.wrap_n, r.wrap_ms, "
        + "    r.aht_n, r.aht_ms FROM report_day_aht" + ROLLED + " WHERE " + LINES.formatted("r.line")
        + "  UNION ALL " + perEdge("SELECT " + RAW_BUCKET + " AS bucket, j.line, j.operator_id, count(*), count(j.talk), "
        + "  coalesce(sum(j.talk), 0), count(j.wrap), coalesce(sum(j.wrap), 0), count(j.talk + j.wrap), "
        + "  coalesce(sum(j.talk + j.wrap), 0) "
        + "  FROM (SELECT j.at, j.line, j.operator_id, (j.data->>'talkMs')::bigint AS talk, "
        + "    (j.data->>'wrapUpMs')::bigint AS wrap FROM journal j WHERE " + EDGE + " AND j.type = 'acd.call.completed' "
        + "    AND " + TALKED + " AND " + LINES.formatted("j.line") + ") j GROUP BY 1, 2, 3") + ") "
        + "SELECT p.bucket, p.line, p.operator_id AS operator, sum(p.handled)::bigint AS handled, "
        + "round(sum(p.talk_ms) / nullif(sum(p.talk_n), 0) / 1000.0, 1) AS avg_talk_s, "
        + "round(sum(p.wrap_ms) / nullif(sum(p.wrap_n), 0) / 1000.0, 1) AS avg_wrap_up_s, "
        + "round(sum(p.aht_ms) / nullif(sum(p.aht_n), 0) / 1000.0, 1) AS aht_s "
        + "FROM parts p GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");

    SQL.put(Report.IVR_TIME, "WITH " + WINDOW + ", " + EDGES + ", parts AS ("
        + "  SELECT " + BUCKET + " AS bucket, r.ending, r.sessions, r.duration_n, r.duration_ms "
        + "  FROM report_day_ivr_time" + ROLLED
        + "  UNION ALL " + perEdge("SELECT " + RAW_BUCKET + " AS bucket, j.data->>'ending' AS ending, count(*), "
        + "  count((j.data->>'durationMs')::bigint), coalesce(sum((j.data->>'durationMs')::bigint), 0) FROM journal j "
        + "  WHERE " + EDGE + " AND j.type = 'ivr.completed' GROUP BY 1, 2") + ") "
        + "SELECT p.bucket, p.ending, sum(p.sessions)::bigint AS sessions, "
        + "round(sum(p.duration_ms) / nullif(sum(p.duration_n), 0) / 1000.0, 1) AS avg_ivr_s, "
        + "round(100.0 * sum(p.sessions)::bigint / sum(sum(p.sessions)::bigint) OVER (PARTITION BY p.bucket), 1) AS share_pct "
        + "FROM parts p GROUP BY 1, 2 ORDER BY 1, 2");

    String busy = "coalesce(s.reserved, 0) + coalesce(s.on_call, 0) + coalesce(s.wrap_up, 0)";
    String anyBusy = "(s.reserved IS NOT NULL OR s.on_call IS NOT NULL OR s.wrap_up IS NOT NULL)";
    SQL.put(Report.OCCUPANCY, "WITH " + WINDOW + ", " + EDGES + ", parts AS ("
        + "  SELECT " + BUCKET + " AS bucket, r.operator_id, r.ready, r.reserved, r.on_call, r.wrap_up, r.not_ready "
        + "  FROM report_day_occupancy" + ROLLED + " WHERE r.operator_id = ANY($5) "
        + "  UNION ALL SELECT s.bucket, s.operator_id, " + OCCUPANCY_STATES + " FROM ("
        + occupancySplit("(SELECT edges.a, edges.b, $3::text AS step, $4::text AS zone, $1::timestamptz AS origin, "
        + "    $5::text[] AS ops FROM edges)") + ") s GROUP BY 1, 2) "
        + "SELECT s.bucket, s.operator_id AS operator, round(coalesce(sum(s.ready), 0), 1) AS ready_s, "
        + "round(coalesce(sum(s.reserved), 0), 1) AS reserved_s, round(coalesce(sum(s.on_call), 0), 1) AS on_call_s, "
        + "round(coalesce(sum(s.wrap_up), 0), 1) AS wrap_up_s, round(coalesce(sum(s.not_ready), 0), 1) AS not_ready_s, "
        + "round(100.0 * sum(" + busy + ") FILTER (WHERE " + anyBusy + ") / nullif(sum(coalesce(s.ready, 0) + " + busy
        + ") FILTER (WHERE s.ready IS NOT NULL OR " + anyBusy + "), 0), 1) AS occupancy_pct "
        + "FROM parts s GROUP BY 1, 2 ORDER BY 1, 2");

    SQL.put(Report.TICKETS, "WITH " + WINDOW + ", " + EDGES + ", parts AS ("
        + "  SELECT " + BUCKET + " AS bucket, r.line, r.from_state, r.to_state, r.transitions, r.timed_n, r.timed_s, r.max_s "
        + "  FROM report_day_tickets" + ROLLED + " WHERE " + LINES.formatted("r.line")
        + "  UNION ALL " + perEdge("SELECT " + RAW_BUCKET + " AS bucket, j.line, j.from_state, j.to_state, count(*), "
        + "  count(j.seconds), coalesce(sum(j.seconds), 0), max(j.seconds) FROM ("
        + ticketTransitions("edges.a", "edges.b") + ") j WHERE " + LINES.formatted("j.line") + " GROUP BY 1, 2, 3, 4") + ") "
        + "SELECT p.bucket, p.line, p.from_state, p.to_state, sum(p.transitions)::bigint AS transitions, "
        + "round(sum(p.timed_s) / nullif(sum(p.timed_n), 0), 1) AS avg_s_in_from_state, "
        + "round(max(p.max_s), 1) AS max_s_in_from_state "
        + "FROM parts p GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
  }
}
