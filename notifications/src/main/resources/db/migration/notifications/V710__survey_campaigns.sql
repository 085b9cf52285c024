-- Outbound phone survey campaigns: a supervisor's campaign over a grid area, dialled through the notification call
-- list (notify_call) by the same dialler. A survey campaign is a notify_campaign of kind SURVEY without an outage.

ALTER TABLE notify_campaign ALTER COLUMN outage_id DROP NOT NULL;

CREATE TABLE notify_survey_campaign (
  id          uuid PRIMARY KEY REFERENCES notify_campaign (id),
  title       text        NOT NULL,
  survey      text        NOT NULL,                -- survey-campaigns.surveys.<id> in the configuration
  line        integer     NOT NULL,                -- the line whose supervisors run and see it; answers are filed under it
  area        jsonb       NOT NULL,                -- the selection: substations, feeders, postcodes
  state       text        NOT NULL CHECK (state IN ('RUNNING', 'PAUSED', 'CANCELLED')),
  window_from time        NOT NULL,
  window_to   time        NOT NULL,
  zone        text        NOT NULL,
  created_by  text        NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX notify_survey_campaign_line ON notify_survey_campaign (line, created_at);

-- Where an answered call goes: cc-notify (outage message) or cc-survey-out (survey; its message column holds the
-- survey id); how a survey call ended for a person who answered (COMPLETED every question, REFUSED otherwise). A call
-- its campaign's cancellation dropped is FAILED with outcome CANCELLED.
ALTER TABLE notify_call ADD COLUMN context text NOT NULL DEFAULT 'cc-notify';
ALTER TABLE notify_call ADD COLUMN survey_result text CHECK (survey_result IN ('COMPLETED', 'REFUSED'));

-- Whether a campaign's calling window (local times in its zone; a window past midnight wraps) contains now.
CREATE FUNCTION notify_window_open(w_from time, w_to time, w_zone text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN w_from < w_to THEN t >= w_from AND t < w_to ELSE t >= w_from OR t < w_to END
  FROM (SELECT (now() AT TIME ZONE w_zone)::time AS t) n
$$;
