-- Outage informing (notifications module): outages, campaigns, the SMS outbox, the voice call list, opt-outs.

CREATE TABLE notify_outage (
  id                    uuid PRIMARY KEY,
  kind                  text        NOT NULL CHECK (kind IN ('PLANNED', 'UNPLANNED')),
  state                 text        NOT NULL CHECK (state IN ('SCHEDULED', 'ACTIVE', 'RESTORED', 'CANCELLED')),
  substations           text[]      NOT NULL DEFAULT '{}',
  feeders               text[]      NOT NULL DEFAULT '{}',
  postcodes             text[]      NOT NULL DEFAULT '{}',
  cause                 text        NOT NULL,
  starts_at             timestamptz NOT NULL,
  ends_at               timestamptz,
  estimated_restoration timestamptz,
  notified_estimate     timestamptz,
  restored_at           timestamptz,
  source                text        NOT NULL,
  external_ref          text        UNIQUE,      -- the OMS/SCADA id: a repeated report finds the same outage
  created_at            timestamptz NOT NULL,
  version               bigint      NOT NULL DEFAULT 0
);
CREATE INDEX notify_outage_open ON notify_outage (kind, starts_at) WHERE state IN ('SCHEDULED', 'ACTIVE');

-- One notification of one outage; (outage_id, key) makes creating it idempotent across instances.
CREATE TABLE notify_campaign (
  id          uuid PRIMARY KEY,
  outage_id   uuid        NOT NULL REFERENCES notify_outage (id),
  kind        text        NOT NULL,
  key         text        NOT NULL,
  created_at  timestamptz NOT NULL,
  excluded    jsonb       NOT NULL DEFAULT '{}'::jsonb,
  UNIQUE (outage_id, key)
);

-- The SMS outbox: exactly one row, hence at most one message, per number per campaign.
-- PENDING → SENDING (claimed, lease_until) → SENT → DELIVERED/UNDELIVERED/FAILED; or FAILED / OPTED_OUT.
CREATE TABLE notify_sms (
  id              bigserial PRIMARY KEY,
  campaign_id     uuid        NOT NULL REFERENCES notify_campaign (id),
  phone           text        NOT NULL,
  customer_id     text,
  language        text        NOT NULL,
  body            text        NOT NULL,
  idempotency_key uuid        NOT NULL UNIQUE,
  state           text        NOT NULL DEFAULT 'PENDING',
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_at      timestamptz,
  lease_until     timestamptz,
  provider_sid    text,
  error           text,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, phone)
);
CREATE INDEX notify_sms_due ON notify_sms (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX notify_sms_in_flight ON notify_sms (lease_until) WHERE state = 'SENDING';
CREATE INDEX notify_sms_phone ON notify_sms (phone) WHERE state IN ('PENDING', 'SENDING');
-- Not unique: a mock provider (Prism serving the spec's example) answers every message with the same sid.
CREATE INDEX notify_sms_provider_sid ON notify_sms (provider_sid) WHERE provider_sid IS NOT NULL;

-- Automated calls to numbers that cannot take SMS. PENDING → CALLING → PENDING (retry) / DONE / FAILED.
CREATE TABLE notify_call (
  id              bigserial PRIMARY KEY,
  campaign_id     uuid        NOT NULL REFERENCES notify_campaign (id),
  phone           text        NOT NULL,
  customer_id     text,
  language        text        NOT NULL,
  message         text        NOT NULL,
  state           text        NOT NULL DEFAULT 'PENDING',
  outcome         text,
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, phone)
);
CREATE INDEX notify_call_due ON notify_call (next_attempt_at, id) WHERE state = 'PENDING';

-- Large consumers and retailers: a line-1 operator phones them.
CREATE TABLE notify_operator_call (
  campaign_id uuid    NOT NULL REFERENCES notify_campaign (id),
  customer_id text    NOT NULL,
  name        text,
  phone       text,
  done        boolean NOT NULL DEFAULT false,
  PRIMARY KEY (campaign_id, customer_id)
);

-- Numbers that said STOP (or that the provider reports as unsubscribed, 21610).
CREATE TABLE notify_opt_out (
  phone       text PRIMARY KEY,
  source      text        NOT NULL,
  opted_out_at timestamptz NOT NULL DEFAULT now()
);
