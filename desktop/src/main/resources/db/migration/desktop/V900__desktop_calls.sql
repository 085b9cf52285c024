-- The operator desktop's call history: every call offered to or dialled by an operator, one row per operator leg.
-- direction inbound|outbound; outcome offered|talking|answered|missed|unanswered|failed. The phone (E.164) has its
-- own column so erasure can blank it.
CREATE TABLE desktop_calls (
  id           bigserial PRIMARY KEY,
  call_id      text        NOT NULL,
  operator_id  text        NOT NULL,
  direction    text        NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  phone        text,
  customer_id  bigint,
  line         int,
  topic        text,
  started_at   timestamptz NOT NULL,
  answered_at  timestamptz,
  ended_at     timestamptz,
  outcome      text        NOT NULL,
  UNIQUE (call_id, operator_id)
);
CREATE INDEX desktop_calls_operator ON desktop_calls (operator_id, started_at DESC);
