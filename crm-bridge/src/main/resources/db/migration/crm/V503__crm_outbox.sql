-- Transactional outbox for the external CRM: rows are written in the same transaction as the change they report
-- and relayed in id order; the idempotency key travels with every attempt so the receiver can drop repeats.
CREATE TABLE crm_outbox (
  id               bigserial PRIMARY KEY,
  aggregate        text NOT NULL,
  type             text NOT NULL,
  idempotency_key  uuid NOT NULL UNIQUE,
  payload          jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  delivered_at     timestamptz,
  last_error       text
);
CREATE INDEX crm_outbox_pending ON crm_outbox (id) WHERE delivered_at IS NULL;
