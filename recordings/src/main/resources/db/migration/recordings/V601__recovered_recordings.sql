-- 'recovered': catalogued from a MixMonitor file a crash left in the monitor directory (see MonitorSweep).
ALTER TABLE rec_recording DROP CONSTRAINT rec_recording_status_check;
ALTER TABLE rec_recording ADD CONSTRAINT rec_recording_status_check
  CHECK (status IN ('stored', 'missing', 'damaged', 'recovered', 'archived', 'purged'));
DROP INDEX rec_recording_retention;
CREATE INDEX rec_recording_retention ON rec_recording (started_at)
  WHERE status IN ('stored', 'damaged', 'recovered', 'archived', 'missing') AND NOT legal_hold;
