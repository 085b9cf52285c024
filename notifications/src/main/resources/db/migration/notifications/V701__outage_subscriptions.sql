-- Callers who asked in the IVR to be told when their power is back (one row per number per outage).
CREATE TABLE notify_subscription (
  outage_id   uuid        NOT NULL REFERENCES notify_outage (id),
  phone       text        NOT NULL,
  language    text        NOT NULL,
  customer_id text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (outage_id, phone)
);
