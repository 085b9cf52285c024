-- Notices about a customer's grid-connection application (not about an outage): a campaign belongs to an outage or
-- to one stage of one application. (application, key = the stage id) unique: one notice per stage change, however
-- often or on however many instances the CRM's journal entry is relayed.
ALTER TABLE notify_campaign ALTER COLUMN outage_id DROP NOT NULL;
ALTER TABLE notify_campaign ADD COLUMN application text;
CREATE UNIQUE INDEX notify_campaign_application ON notify_campaign (application, key) WHERE application IS NOT NULL;

-- How far each relay of journal entries got (the last journal id it handled).
CREATE TABLE notify_relay_cursor (
  relay    text PRIMARY KEY,
  last_id  bigint NOT NULL
);
INSERT INTO notify_relay_cursor (relay, last_id) VALUES ('crm.application.advanced', 0);

-- The relay reads the CRM's stage changes after its cursor and those of the last minute (see PgApplicationNotices).
CREATE INDEX journal_application_advanced_id ON journal (id) WHERE type = 'crm.application.advanced';
CREATE INDEX journal_application_advanced_at ON journal (at) WHERE type = 'crm.application.advanced';
