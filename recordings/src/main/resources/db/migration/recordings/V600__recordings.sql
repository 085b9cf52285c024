-- Call recordings: one row per conversation and its tickets. Every listen, export, archive, purge and hold goes to
-- the shared hash-chained access audit (table audit, subject_type 'recording') and to the journal.
CREATE TABLE rec_recording (
  id              uuid PRIMARY KEY,
  call_id         text NOT NULL UNIQUE,
  started_at      timestamptz NOT NULL,
  ended_at        timestamptz,
  direction       text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  line            int,
  topic           text,
  operator_id     text,
  customer_phone  text,
  customer_id     text,
  store_key       text,
  format          text NOT NULL,
  size_bytes      bigint NOT NULL DEFAULT 0,
  duration_ms     bigint NOT NULL DEFAULT 0,
  sha256          text,
  status          text NOT NULL CHECK (status IN ('stored', 'missing', 'damaged', 'archived', 'purged')),
  legal_hold      boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now()
);
-- Search is newest first with optional filters: one index per selective filter, each ending in (started_at, id)
-- so a filter plus the keyset page is a single index range scan.
CREATE INDEX rec_recording_started ON rec_recording (started_at DESC, id DESC);
CREATE INDEX rec_recording_operator ON rec_recording (operator_id, started_at DESC, id DESC);
CREATE INDEX rec_recording_line ON rec_recording (line, started_at DESC, id DESC);
CREATE INDEX rec_recording_phone ON rec_recording (customer_phone, started_at DESC, id DESC);
CREATE INDEX rec_recording_customer ON rec_recording (customer_id, started_at DESC, id DESC);
CREATE INDEX rec_recording_retention ON rec_recording (started_at) WHERE status IN ('stored', 'damaged', 'archived', 'missing') AND NOT legal_hold;

CREATE TABLE rec_recording_ticket (
  recording_id  uuid NOT NULL REFERENCES rec_recording(id),
  ticket_id     bigint NOT NULL,
  linked_by     text NOT NULL,
  linked_at     timestamptz NOT NULL,
  PRIMARY KEY (recording_id, ticket_id)
);
CREATE INDEX rec_recording_ticket_ticket ON rec_recording_ticket (ticket_id);
