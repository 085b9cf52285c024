package org.gridcare.reports.pg;

import java.util.EnumMap;
import java.util.Map;
import org.gridcare.reports.domain.Report;

/**
 * The SQL of each report. Parameters: $1 from, $2 to (exclusive), $3 interval step, $4 the centre's zone, $5 the
 * lines (NULL: all, including rows with no line; centre-wide reports have no $5); {@code service} adds $6/$7 (each line's service-level seconds),
 * {@code occupancy} takes $5 as the operators to show instead. Facts count in the interval of their own time.
 */
final class ReportSql {
  private static final String BUCKET = "report_bucket(j.at, $3, $4, $1) AS bucket";
  private static final String RANGE = "j.at >= $1 AND j.at < $2";
  private static final String LINES = "($5::int[] IS NULL OR %s = ANY($5))";
  /** A completion that was a conversation: not a callback attempt the customer never answered. */
  /**
   * Journal row {@code e} ends a queued call: abandoned, overflowed, a conversation completed, or a callback given up
   * (a callback between attempts is still in progress).
   */
  static final String ENDS_CALL = "(e.type IN ('acd.call.abandoned', 'acd.call.overflowed') "
      + "OR (e.type = 'acd.call.completed' AND coalesce((e.data->>'connected')::boolean, true)) "
      + "OR (e.type = 'acd.callback.missed' AND NOT coalesce((e.data->>'retry')::boolean, false)))";
  private static final String TALKED = "coalesce((j.data->>'connected')::boolean, true)";

  private ReportSql() {}

  static final Map<Report, String> SQL = new EnumMap<>(Report.class);

  static {
    // in progress: queued in the range with no end (completed, abandoned, overflowed) before its end; an end comes
    // after the queueing, so the ends inside the range are all there is to anti-join. A callback waiting between
    // attempts has not ended: a completion the customer never answered (connected false) and a missed attempt to be
    // retried are no end; the callback kept (a connected completion) or given up (missed, no retry) is
    SQL.put(Report.REQUESTS, "SELECT " + BUCKET + ", j.line, "
        + "count(*) FILTER (WHERE j.type = 'ivr.completed') AS inbound, "
        + "count(*) FILTER (WHERE j.type IN ('acd.callback.dialled', 'notify.voice.completed')) AS outbound, "
        + "count(*) FILTER (WHERE j.type = 'ivr.completed' AND j.data->>'ending' = 'self-served') AS closed_in_ivr, "
        + "count(*) FILTER (WHERE j.type = 'ivr.completed' AND j.data->>'ending' = 'transferred') AS routed, "
        + "count(*) FILTER (WHERE j.type = 'acd.call.completed' AND " + TALKED + ") AS closed_by_operator, "
        + "count(*) FILTER (WHERE j.type = 'acd.call.queued' AND ended.call_id IS NULL) AS in_progress "
        + "FROM journal j LEFT JOIN (SELECT DISTINCT e.call_id FROM journal e WHERE e.at >= $1 AND e.at < $2 AND "
        + ENDS_CALL + ") ended "
        + "  ON j.type = 'acd.call.queued' AND ended.call_id = j.call_id "
        + "WHERE " + RANGE + " AND j.type IN ('ivr.completed', 'acd.callback.dialled', 'notify.voice.completed', "
        + "  'acd.call.completed', 'acd.call.queued') AND " + LINES.formatted("j.line")
        + " GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST");

    String answered = "j.type = 'acd.call.answered'";
    String abandoned = "j.type = 'acd.call.abandoned'";
    String inTime = answered + " AND j.waited <= t.sl * 1000";
    String offered = "nullif(count(*) FILTER (WHERE j.type IN ('acd.call.answered', 'acd.call.abandoned')), 0)";
    SQL.put(Report.SERVICE, "SELECT " + BUCKET + ", j.line, "
        + "count(*) FILTER (WHERE " + answered + ") AS answered, "
        + "count(*) FILTER (WHERE " + inTime + ") AS answered_in_time, "
        + "count(*) FILTER (WHERE " + abandoned + ") AS abandoned, "
        + "count(*) FILTER (WHERE j.type = 'acd.call.overflowed') AS overflowed, "
        + "round(100.0 * count(*) FILTER (WHERE " + inTime + ") / " + offered + ", 1) AS service_level_pct, "
        + "round(avg(j.waited) FILTER (WHERE " + answered + ") / 1000.0, 1) AS asa_s, "
        + "round(100.0 * count(*) FILTER (WHERE " + abandoned + ") / " + offered + ", 1) AS abandon_rate_pct, "
        + "round(avg(j.waited) FILTER (WHERE " + abandoned + ") / 1000.0, 1) AS avg_wait_before_abandon_s, "
        + "count(*) FILTER (WHERE " + abandoned + " AND j.waited < 10000) AS abandoned_under_10s, "
        + "count(*) FILTER (WHERE " + abandoned + " AND j.waited >= 10000 AND j.waited < 30000) AS abandoned_10_30s, "
        + "count(*) FILTER (WHERE " + abandoned + " AND j.waited >= 30000 AND j.waited < 60000) AS abandoned_30_60s, "
        + "count(*) FILTER (WHERE " + abandoned + " AND j.waited >= 60000 AND j.waited < 120000) AS abandoned_60_120s, "
        + "count(*) FILTER (WHERE " + abandoned + " AND j.waited >= 120000) AS abandoned_over_120s "
        + "FROM (SELECT at, type, line, (data->>'waitedMs')::bigint AS waited FROM journal "
        + "  WHERE at >= $1 AND at < $2 AND type IN ('acd.call.answered', 'acd.call.abandoned', 'acd.call.overflowed') "
        + "  AND NOT coalesce((data->>'callback')::boolean, false)) j "
        + "JOIN unnest($6::int[], $7::int[]) AS t(line, sl) ON t.line = j.line "
        + "WHERE " + LINES.formatted("j.line") + " GROUP BY 1, 2 ORDER BY 1, 2");

    SQL.put(Report.AHT, "SELECT " + BUCKET + ", j.line, j.operator_id AS operator, count(*) AS handled, "
        + "round(avg((j.data->>'talkMs')::bigint) / 1000.0, 1) AS avg_talk_s, "
        + "round(avg((j.data->>'wrapUpMs')::bigint) / 1000.0, 1) AS avg_wrap_up_s, "
        + "round(avg((j.data->>'talkMs')::bigint + (j.data->>'wrapUpMs')::bigint) / 1000.0, 1) AS aht_s "
        + "FROM journal j WHERE j.type = 'acd.call.completed' AND " + TALKED + " AND " + RANGE + " AND "
        + LINES.formatted("j.line") + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");

    // the call's last move before the range ends (a call lasts less than a day), hash-joined to the completions
    SQL.put(Report.AHT_AFTER_TRANSFER, "SELECT " + BUCKET + ", t.from_line, j.line, count(*) AS handled, "
        + "round(avg((j.data->>'talkMs')::bigint + (j.data->>'wrapUpMs')::bigint) / 1000.0, 1) AS aht_s "
        + "FROM journal j JOIN (SELECT DISTINCT ON (x.call_id) x.call_id, x.at, (x.data->>'fromLine')::int AS from_line "
        + "  FROM journal x WHERE x.type IN ('acd.call.transferred', 'acd.call.escalated') "
        + "  AND x.at >= $1::timestamptz - interval '1 day' AND x.at < $2 ORDER BY x.call_id, x.at DESC, x.id DESC) t "
        + "  ON t.call_id = j.call_id AND t.at <= j.at "
        + "WHERE j.type = 'acd.call.completed' AND " + RANGE + " AND " + LINES.formatted("j.line")
        + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");

    SQL.put(Report.IVR_TIME, "SELECT " + BUCKET + ", j.data->>'ending' AS ending, count(*) AS sessions, "
        + "round(avg((j.data->>'durationMs')::bigint) / 1000.0, 1) AS avg_ivr_s, "
        + "round(100.0 * count(*) / sum(count(*)) OVER (PARTITION BY report_bucket(j.at, $3, $4, $1)), 1) AS share_pct "
        + "FROM journal j WHERE j.type = 'ivr.completed' AND " + RANGE + " GROUP BY 1, 2 "
        + "ORDER BY 1, 2");

    SQL.put(Report.IVR_NODES, "SELECT bucket, node, sum(visits) AS visits, sum(calls) AS calls, "
        + "sum(drop_offs) AS drop_offs, round(100.0 * sum(drop_offs) / nullif(sum(calls), 0), 1) AS drop_off_pct "
        + "FROM (SELECT " + BUCKET + ", j.data->>'node' AS node, count(*) AS visits, count(DISTINCT j.call_id) AS calls, "
        + "  0 AS drop_offs FROM journal j WHERE j.type = 'ivr.step' AND " + RANGE + " GROUP BY 1, 2 "
        + "  UNION ALL SELECT " + BUCKET + ", j.data->>'lastNode', 0, 0, count(*) FROM journal j "
        + "  WHERE j.type = 'ivr.completed' AND j.data->>'ending' = 'abandoned' AND " + RANGE + " GROUP BY 1, 2) x "
        + "GROUP BY 1, 2 ORDER BY 1, 2");

    // each state span split at the intervals' boundaries (report_spans only for the spans that cross one); seconds in
    // numeric, exact in any summing order (the daily rollups add the same pieces day by day); changes at the same
    // instant in the order they were written (the state held at the range start first)
    String span = "s.seconds";
    StringBuilder states = new StringBuilder();
    for (String st : new String[] {"ready", "reserved", "on-call", "wrap-up", "not-ready"}) {
      states.append("round(coalesce(sum(").append(span).append(") FILTER (WHERE s.state = '").append(st)
          .append("'), 0)::numeric, 1) AS ").append(st.replace('-', '_')).append("_s, ");
    }
    SQL.put(Report.OCCUPANCY, "WITH changes AS ("
        + "  SELECT j.operator_id, j.at, j.id, j.data->>'to' AS state FROM journal j WHERE j.type = 'acd.operator.state-changed' "
        + "  AND " + RANGE + " AND j.operator_id = ANY($5) "
        + "  UNION ALL SELECT op.id, $1::timestamptz, NULL, last.state FROM unnest($5::text[]) AS op(id) "
        + "  CROSS JOIN LATERAL (SELECT j.data->>'to' AS state FROM journal j WHERE j.type = 'acd.operator.state-changed' "
        + "    AND j.operator_id = op.id AND j.at < $1 ORDER BY j.at DESC, j.id DESC LIMIT 1) last), "
        + "spans AS (SELECT operator_id, at, state, coalesce(lead(at) OVER (PARTITION BY operator_id ORDER BY at, id NULLS FIRST), "
        + "  least($2::timestamptz, now())) AS until FROM changes), "
        + "split AS (SELECT s.operator_id, s.state, g.bucket, g.seconds FROM spans s CROSS JOIN LATERAL ("
        + "    SELECT report_bucket(s.at, $3, $4, $1) AS bucket, extract(epoch FROM s.until - s.at) AS seconds "
        + "    WHERE report_bucket(s.until - interval '1 microsecond', $3, $4, $1) = report_bucket(s.at, $3, $4, $1) "
        + "    UNION ALL SELECT r.bucket, r.seconds::numeric FROM report_spans(s.at, s.until, $3, $4, $1) r "
        + "    WHERE report_bucket(s.until - interval '1 microsecond', $3, $4, $1) <> report_bucket(s.at, $3, $4, $1)) g "
        + "  WHERE s.until > s.at AND s.state <> 'logged-out') "
        + "SELECT s.bucket, s.operator_id AS operator, " + states
        + "round((100.0 * sum(" + span + ") FILTER (WHERE s.state IN ('reserved', 'on-call', 'wrap-up')) "
        + "  / nullif(sum(" + span + ") FILTER (WHERE s.state IN ('ready', 'reserved', 'on-call', 'wrap-up')), 0))::numeric, 1) "
        + "  AS occupancy_pct "
        + "FROM split s GROUP BY 1, 2 ORDER BY 1, 2");

    SQL.put(Report.CALLBACKS, "SELECT " + BUCKET + ", coalesce(j.line, r.line) AS line, "
        + "count(*) FILTER (WHERE j.type = 'acd.callback.requested') AS requested, "
        + "count(*) FILTER (WHERE j.type = 'acd.callback.dialled') AS dialled, "
        + "count(*) FILTER (WHERE j.type = 'acd.callback.connected') AS kept, "
        + "count(*) FILTER (WHERE j.type = 'acd.callback.missed') AS missed_attempts "
        + "FROM journal j LEFT JOIN LATERAL (SELECT r.line FROM journal r WHERE j.line IS NULL AND r.call_id = j.call_id "
        + "  AND r.type = 'acd.callback.requested' ORDER BY r.at LIMIT 1) r ON true "
        + "WHERE j.type IN ('acd.callback.requested', 'acd.callback.dialled', 'acd.callback.connected', "
        + "  'acd.callback.missed') AND " + RANGE + " AND " + LINES.formatted("coalesce(j.line, r.line)")
        + " GROUP BY 1, 2 ORDER BY 1, 2");

    SQL.put(Report.TICKETS, "WITH t AS (SELECT j.at, j.line, coalesce(j.data->>'from', '(created)') AS from_state, "
        + "  j.data->>'to' AS to_state, lag(j.at) OVER (PARTITION BY j.data->>'ticket' ORDER BY j.at, j.id) AS prev_at "
        + "  FROM journal j WHERE j.type = 'crm.ticket.transitioned' AND j.at < $2 AND j.data->>'ticket' IN ("
        + "    SELECT k.data->>'ticket' FROM journal k WHERE k.type = 'crm.ticket.transitioned' AND k.at >= $1 AND k.at < $2)) "
        + "SELECT report_bucket(j.at, $3, $4, $1) AS bucket, j.line, j.from_state, j.to_state, count(*) AS transitions, "
        + "round(avg(extract(epoch FROM j.at - j.prev_at)), 1) AS avg_s_in_from_state, "
        + "round(max(extract(epoch FROM j.at - j.prev_at)), 1) AS max_s_in_from_state "
        + "FROM t j WHERE j.at >= $1 AND " + LINES.formatted("j.line") + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");

    // time to resolve: from creation to the first transition into resolved (into closed when it went straight there),
    // not to the last update (closing, a later edit)
    SQL.put(Report.COMPLAINTS, "SELECT report_bucket(t.created_at, $3, $4, $1) AS bucket, t.line, t.topic, t.status, "
        + "count(*) AS tickets, count(*) FILTER (WHERE t.status NOT IN ('resolved', 'closed', 'cancelled')) AS open, "
        + "round(avg(extract(epoch FROM r.at - t.created_at)) FILTER (WHERE t.status IN ('resolved', 'closed')) "
        + "  / 3600.0, 1) AS avg_hours_to_resolve "
        + "FROM crm_ticket t LEFT JOIN LATERAL (SELECT coalesce(min(x.at) FILTER (WHERE x.to_status = 'resolved'), "
        + "  min(x.at) FILTER (WHERE x.to_status = 'closed')) AS at FROM crm_ticket_transition x WHERE x.ticket_id = t.id) r "
        + "  ON true "
        + "WHERE t.topic IN ('complaint', 'suggestion') AND t.created_at >= $1 AND t.created_at < $2 "
        + "AND " + LINES.formatted("t.line") + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");

    StringBuilder scores = new StringBuilder();
    for (int s = 1; s <= 5; s++) {
      scores.append("count(*) FILTER (WHERE (j.data->>'score')::int = ").append(s).append(") AS score_").append(s)
          .append(s < 5 ? ", " : " ");
    }
    // the survey carries the conversation's line and operator; answers journalled without them take the call's
    // last answer's
    SQL.put(Report.SATISFACTION, "SELECT " + BUCKET + ", coalesce(j.line, a.line) AS line, "
        + "coalesce(j.operator_id, a.operator_id) AS operator, count(*) AS answers, "
        + "round(avg((j.data->>'score')::int), 2) AS avg_score, " + scores
        + "FROM journal j LEFT JOIN LATERAL (SELECT a.line, a.operator_id FROM journal a WHERE j.operator_id IS NULL "
        + "  AND a.call_id = j.call_id AND a.type = 'acd.call.answered' ORDER BY a.at DESC, a.id DESC LIMIT 1) a ON true "
        + "WHERE j.type = 'ivr.survey.answered' AND " + RANGE + " AND " + LINES.formatted("coalesce(j.line, a.line)")
        + " GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3 NULLS FIRST");

    String voiceFinal = "j.type = 'notify.voice.completed' AND j.data->>'final' = 'true'";
    SQL.put(Report.NOTIFICATIONS, "SELECT " + BUCKET + ", c.outage_id::text AS outage, o.kind, o.state, "
        + "count(DISTINCT c.id) AS campaigns, "
        + "count(*) FILTER (WHERE j.type = 'notify.sms.sent') AS sms_sent, "
        + "count(*) FILTER (WHERE j.type = 'notify.sms.delivered') AS sms_delivered, "
        + "count(*) FILTER (WHERE j.type = 'notify.sms.undelivered') AS sms_undelivered, "
        + "count(*) FILTER (WHERE j.type = 'notify.sms.failed') AS sms_failed, "
        + "count(*) FILTER (WHERE j.type = 'notify.sms.opted-out') AS sms_opted_out, "
        + "count(*) FILTER (WHERE j.type = 'notify.voice.completed') AS voice_attempts, "
        + "count(*) FILTER (WHERE " + voiceFinal + " AND j.data->>'outcome' = 'ANSWERED') AS voice_answered, "
        + "count(*) FILTER (WHERE " + voiceFinal + " AND j.data->>'outcome' = 'MACHINE') AS voice_machine, "
        + "count(*) FILTER (WHERE " + voiceFinal + " AND j.data->>'outcome' NOT IN ('ANSWERED', 'MACHINE')) AS voice_failed "
        + "FROM journal j JOIN notify_campaign c ON c.id::text = j.data->>'campaign' JOIN notify_outage o ON o.id = c.outage_id "
        + "WHERE j.type IN ('notify.sms.sent', 'notify.sms.delivered', 'notify.sms.undelivered', 'notify.sms.failed', "
        + "  'notify.sms.opted-out', 'notify.voice.completed') AND " + RANGE + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2");

    SQL.put(Report.SURVEY_CAMPAIGNS, surveyCampaigns());
  }

  /**
   * Phone survey campaigns, on the campaign's line: per campaign a row without a question (the numbers' final call
   * outcomes: reached a person, machine, failed; and how the people reached ended the survey: completed, refused),
   * then a row per question with its answers, their average and how often each key 0-9 was the answer.
   */
  private static String surveyCampaigns() {
    String fin = "f.type = 'notify.voice.completed' AND f.data->>'final' = 'true' AND f.data->>'outcome' ";
    StringBuilder keys = new StringBuilder();
    StringBuilder noKeys = new StringBuilder();
    for (int k = 0; k <= 9; k++) {
      keys.append(", count(*) FILTER (WHERE (f.data->>'answer')::int = ").append(k).append(") AS answer_").append(k);
      noKeys.append(", NULL::bigint AS answer_").append(k);
    }
    return "WITH f AS (SELECT " + BUCKET + ", s.line, s.id::text AS campaign, s.title, s.survey, j.type, j.data "
        + "FROM journal j JOIN notify_survey_campaign s ON s.id::text = j.data->>'campaign' "
        + "WHERE j.type IN ('notify.voice.completed', 'notify.survey.completed', 'notify.survey.refused', "
        + "  'notify.survey.answered') AND " + RANGE + " AND " + LINES.formatted("s.line") + ") "
        + "SELECT f.bucket, f.line, f.campaign, f.title, f.survey, NULL::text AS question, "
        + "count(*) FILTER (WHERE f.type = 'notify.voice.completed') AS attempts, "
        + "count(*) FILTER (WHERE " + fin + "= 'ANSWERED') AS reached, "
        + "count(*) FILTER (WHERE f.type = 'notify.survey.completed') AS completed, "
        + "count(*) FILTER (WHERE f.type = 'notify.survey.refused') AS refused, "
        + "count(*) FILTER (WHERE " + fin + "= 'MACHINE') AS machine, "
        + "count(*) FILTER (WHERE " + fin + "NOT IN ('ANSWERED', 'MACHINE')) AS failed, "
        + "NULL::bigint AS answers, NULL::numeric AS avg_answer" + noKeys + " "
        + "FROM f WHERE f.type <> 'notify.survey.answered' GROUP BY 1, 2, 3, 4, 5 "
        + "UNION ALL "
        + "SELECT f.bucket, f.line, f.campaign, f.title, f.survey, f.data->>'question', NULL, NULL, NULL, NULL, NULL, "
        + "NULL, count(*), round(avg((f.data->>'answer')::int), 2)" + keys + " "
        + "FROM f WHERE f.type = 'notify.survey.answered' GROUP BY 1, 2, 3, 4, 5, 6 "
        + "ORDER BY 1, 2, 4, 3, 6 NULLS FIRST";
  }
}
