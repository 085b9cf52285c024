-- The append-only journal every report and data-protection job reads (docs/ARCHITECTURE.md).
CREATE TABLE journal (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  type        text        NOT NULL,
  call_id     text,
  line        integer,
  operator_id text,
  customer_id text,
  phone       text,
  data        jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX journal_type_at ON journal (type, at);
CREATE INDEX journal_call ON journal (call_id) WHERE call_id IS NOT NULL;
CREATE INDEX journal_customer ON journal (customer_id) WHERE customer_id IS NOT NULL;
