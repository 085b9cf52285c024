-- Callers who asked to be called back instead of holding on; they keep their place in the queue (in Redis).
-- phone is personal data (E.164): erasure anonymises it like journal.phone.
CREATE TABLE acd_callback (
  call_id      text PRIMARY KEY,
  line         int         NOT NULL,
  topic        text        NOT NULL,
  customer_id  text,
  phone        text        NOT NULL,
  requested_at timestamptz NOT NULL,
  status       text        NOT NULL,
  attempts     int         NOT NULL DEFAULT 0,
  operator_id  text,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX acd_callback_status ON acd_callback (status);
