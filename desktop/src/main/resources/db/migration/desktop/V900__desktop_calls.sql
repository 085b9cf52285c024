-- The operator desktop's call history: every call offered to or dialled by an operator, one row per operator leg.
-- direction inbound|outbound; outcome offered|dialling|talking|answered|missed|unanswered. No personal data here: the
-- caller's number and customer are the journal's (desktop.call.offered / desktop.call.dialled), where erasure
-- anonymises them, and the history reads them from there.
CREATE TABLE desktop_calls (
  id           bigserial PRIMARY KEY,
  call_id      text        NOT NULL,
  operator_id  text        NOT NULL,
  direction    text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  line         int,
  topic        text,
  started_at   timestamptz NOT NULL,
  answered_at  timestamptz,
  ended_at     timestamptz,
  outcome      text        NOT NULL,
  UNIQUE (call_id, operator_id)
);
CREATE INDEX desktop_calls_operator ON desktop_calls (operator_id, started_at DESC);
