-- Grid-connection applications with their stage history, meter readings and interactions (every call).
CREATE SEQUENCE crm_application_number START 1;

CREATE TABLE crm_application (
  id            bigserial PRIMARY KEY,
  number        text NOT NULL UNIQUE,
  customer_id   bigint NOT NULL REFERENCES crm_customer(id),
  requested_kw  text,
  stage         text NOT NULL,
  submitted_at  timestamptz NOT NULL,
  stage_since   timestamptz NOT NULL
);
CREATE INDEX crm_application_customer ON crm_application (customer_id);

CREATE TABLE crm_application_stage (
  id              bigserial PRIMARY KEY,
  application_id  bigint NOT NULL REFERENCES crm_application(id),
  stage           text NOT NULL,
  actor           text NOT NULL,
  at              timestamptz NOT NULL
);

CREATE TABLE crm_meter_reading (
  id          bigserial PRIMARY KEY,
  gsrn        char(18) NOT NULL REFERENCES crm_metering_point(gsrn),
  kwh         numeric(11, 1) NOT NULL CHECK (kwh >= 0),
  read_at     timestamptz NOT NULL,
  source      text NOT NULL,
  call_id     text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX crm_meter_reading_gsrn ON crm_meter_reading (gsrn, read_at DESC);

CREATE TABLE crm_interaction (
  call_id      text PRIMARY KEY,
  customer_id  bigint REFERENCES crm_customer(id),
  phone        text,
  direction    text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  ivr_path     text[] NOT NULL DEFAULT '{}',
  line         int,
  operator_id  text,
  started_at   timestamptz NOT NULL,
  answered_at  timestamptz,
  ended_at     timestamptz,
  outcome      text NOT NULL
);
CREATE INDEX crm_interaction_customer ON crm_interaction (customer_id, started_at DESC);
CREATE INDEX crm_interaction_phone ON crm_interaction (phone, started_at DESC);
