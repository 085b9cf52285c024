-- Survey campaigns over a list of customer numbers (area NULL, listed_customers the number of customers named), and
-- calls held out of the dialler's claim while their survey campaign is paused or cancelled.

ALTER TABLE notify_survey_campaign ALTER COLUMN area DROP NOT NULL;
ALTER TABLE notify_survey_campaign ADD COLUMN listed_customers integer CHECK (listed_customers > 0);
ALTER TABLE notify_survey_campaign ADD CONSTRAINT notify_survey_campaign_selection
  CHECK ((area IS NULL) <> (listed_customers IS NULL));

-- held: the call's survey campaign is paused or cancelled (set and cleared with the campaign's state). Held calls are
-- outside both partial indexes the claim reads, so a large paused campaign costs the dialler's 2 s tick nothing.
ALTER TABLE notify_call ADD COLUMN held boolean NOT NULL DEFAULT false;
UPDATE notify_call SET held = true WHERE state IN ('PENDING', 'CALLING')
  AND campaign_id IN (SELECT id FROM notify_survey_campaign WHERE state <> 'RUNNING');
DROP INDEX notify_call_due;
CREATE INDEX notify_call_due ON notify_call (next_attempt_at, id) WHERE state = 'PENDING' AND NOT held;
CREATE INDEX notify_call_lease_lapsed ON notify_call (lease_until) WHERE state = 'CALLING' AND NOT held;
