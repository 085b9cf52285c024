-- Built-in CRM: customers, identities (protected), phones, addresses with grid location, metering points.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE crm_grid_area (
  code        text PRIMARY KEY,
  name        text NOT NULL
);

CREATE TABLE crm_address (
  id          bigserial PRIMARY KEY,
  street      text NOT NULL,
  postcode    text NOT NULL,
  city        text NOT NULL,
  area_code   text NOT NULL REFERENCES crm_grid_area(code),
  substation  text,
  feeder      text
);
CREATE INDEX crm_address_grid ON crm_address (area_code, substation, feeder);
CREATE INDEX crm_address_postcode ON crm_address (postcode);

CREATE SEQUENCE crm_customer_number START 100001;

-- The national ID / organisation number is stored encrypted (AES-GCM, key outside the database) with an HMAC
-- digest for exact look-up and duplicate detection; only its last two digits are stored in clear, for masking.
CREATE TABLE crm_customer (
  id               bigserial PRIMARY KEY,
  number           text NOT NULL UNIQUE DEFAULT ('C' || nextval('crm_customer_number')),
  kind             text NOT NULL CHECK (kind IN ('private', 'business')),
  name             text NOT NULL,
  identity_cipher  bytea NOT NULL,
  identity_digest  bytea NOT NULL UNIQUE,
  identity_last2   char(2) NOT NULL,
  address_id       bigint NOT NULL REFERENCES crm_address(id),
  debt_cents       bigint NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
-- Typo-tolerant name search (about a quarter of names are misspelt, seed 001).
CREATE INDEX crm_customer_name_trgm ON crm_customer USING gin (lower(name) gin_trgm_ops);

CREATE TABLE crm_phone (
  customer_id     bigint NOT NULL REFERENCES crm_customer(id) ON DELETE CASCADE,
  e164            text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  mobile          boolean NOT NULL,
  notify_consent  boolean NOT NULL DEFAULT false,
  position        int NOT NULL,
  PRIMARY KEY (customer_id, e164)
);
CREATE INDEX crm_phone_e164 ON crm_phone (e164);

CREATE TABLE crm_metering_point (
  gsrn          char(18) PRIMARY KEY CHECK (gsrn ~ '^[0-9]{18}$'),
  customer_id   bigint NOT NULL REFERENCES crm_customer(id) ON DELETE CASCADE,
  meter_number  text,
  address_id    bigint NOT NULL REFERENCES crm_address(id)
);
CREATE INDEX crm_metering_point_customer ON crm_metering_point (customer_id);
CREATE INDEX crm_metering_point_address ON crm_metering_point (address_id);
