-- Daily rollups (module reports, pg.PgRollups): partial aggregates of whole, closed local days for the reports whose
-- figures add up day by day (requests, service, aht, ivr-time, occupancy, tickets). A report over days, months or
-- everything reads the rolled days inside its range from here and the rest (the range's edges, today, days not rolled
-- yet, days after a late row) from the journal. Rebuilt from the journal at will: nothing here is a source of truth.

-- One row: the rolled local days [rolled_from, rolled_until) in zone, complete for every journal row with id <= high_water.
-- A journal row with a greater id and an earlier time (a late row) invalidates its day and every day after it until
-- the job has rolled them again (occupancy and tickets carry state from one day into the next).
CREATE TABLE report_rollup_state (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  zone          text        NOT NULL,
  rolled_from   timestamptz NOT NULL,
  rolled_until  timestamptz NOT NULL,
  high_water    bigint      NOT NULL
);

-- requests: counts per day and line; in_progress from the queued calls not ended within their own day (the rest
-- ended that day, so inside any range holding the day), checked against the query's range when read
CREATE TABLE report_day_requests (
  day_start timestamptz NOT NULL, line int, inbound bigint NOT NULL, outbound bigint NOT NULL,
  closed_in_ivr bigint NOT NULL, routed bigint NOT NULL, closed_by_operator bigint NOT NULL
);
CREATE INDEX report_day_requests_day ON report_day_requests (day_start);
CREATE TABLE report_day_open_queued (day_start timestamptz NOT NULL, call_id text, line int);
CREATE INDEX report_day_open_queued_day ON report_day_open_queued (day_start);

-- service: per day, line and (answers only) the wait in whole seconds rounded up, capped at 3601, so "answered
-- within the line's target" is wait_s <= target for any target up to 3600 s
CREATE TABLE report_day_service (
  day_start timestamptz NOT NULL, line int NOT NULL, wait_s int,
  answered bigint NOT NULL, answered_waits bigint NOT NULL, answered_waited numeric NOT NULL,
  abandoned bigint NOT NULL, abandoned_waits bigint NOT NULL, abandoned_waited numeric NOT NULL, overflowed bigint NOT NULL,
  abandoned_under_10s bigint NOT NULL, abandoned_10_30s bigint NOT NULL, abandoned_30_60s bigint NOT NULL,
  abandoned_60_120s bigint NOT NULL, abandoned_over_120s bigint NOT NULL
);
CREATE INDEX report_day_service_day ON report_day_service (day_start);

-- aht: sums and counts of the non-null values (what avg reads)
CREATE TABLE report_day_aht (
  day_start timestamptz NOT NULL, line int, operator_id text, handled bigint NOT NULL,
  talk_n bigint NOT NULL, talk_ms numeric NOT NULL, wrap_n bigint NOT NULL, wrap_ms numeric NOT NULL,
  aht_n bigint NOT NULL, aht_ms numeric NOT NULL
);
CREATE INDEX report_day_aht_day ON report_day_aht (day_start);

CREATE TABLE report_day_ivr_time (
  day_start timestamptz NOT NULL, ending text, sessions bigint NOT NULL, duration_n bigint NOT NULL,
  duration_ms numeric NOT NULL
);
CREATE INDEX report_day_ivr_time_day ON report_day_ivr_time (day_start);

-- occupancy: seconds per operator in each state within the day (spans cut at midnight; null: no span in that state;
-- a row for any span not logged out, other states included)
CREATE TABLE report_day_occupancy (
  day_start timestamptz NOT NULL, operator_id text NOT NULL, ready numeric, reserved numeric, on_call numeric,
  wrap_up numeric, not_ready numeric
);
CREATE INDEX report_day_occupancy_day ON report_day_occupancy (day_start, operator_id);
-- every operator with a state change rolled so far (whose state may carry into later days)
CREATE TABLE report_rollup_operator (operator_id text PRIMARY KEY);

-- tickets: transitions per day with the time spent in the state left (since the ticket's previous transition)
CREATE TABLE report_day_tickets (
  day_start timestamptz NOT NULL, line int, from_state text, to_state text, transitions bigint NOT NULL,
  timed_n bigint NOT NULL, timed_s numeric NOT NULL, max_s numeric
);
CREATE INDEX report_day_tickets_day ON report_day_tickets (day_start);

-- The rolled days a report over [from_at, until_at) in zone may read: [r1, r2), whole local days inside the range,
-- rolled in that zone, before the first late row's day. Nothing to read: r1 = r2 = until_at (all of it raw).
CREATE FUNCTION report_rollup_window(from_at timestamptz, until_at timestamptz, zone text)
RETURNS TABLE (r1 timestamptz, r2 timestamptz)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  WITH s AS (
    SELECT greatest(s.rolled_from, CASE WHEN date_trunc('day', from_at, zone) = from_at THEN from_at
             ELSE ((date_trunc('day', from_at, zone) AT TIME ZONE zone) + interval '1 day') AT TIME ZONE zone END) AS a,
           least(s.rolled_until, date_trunc('day', until_at, zone),
             (SELECT date_trunc('day', min(j.at), zone) FROM journal j WHERE j.id > s.high_water AND j.at < s.rolled_until)) AS b
    FROM report_rollup_state s WHERE s.zone = report_rollup_window.zone)
  SELECT CASE WHEN s.a < s.b THEN s.a ELSE until_at END, CASE WHEN s.a < s.b THEN s.b ELSE until_at END FROM s
  UNION ALL SELECT until_at, until_at WHERE NOT EXISTS (SELECT 1 FROM report_rollup_state s WHERE s.zone = report_rollup_window.zone)
$$;
