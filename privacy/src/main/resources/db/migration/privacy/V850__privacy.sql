-- Data protection (privacy module). Customers on legal hold: retention and erasure leave their data as it is.
CREATE TABLE privacy_legal_hold (
  customer_id  text PRIMARY KEY,
  reason       text        NOT NULL,
  placed_by    text        NOT NULL,
  placed_at    timestamptz NOT NULL
);

-- Where the audit chain starts after retention removed its oldest entries: the last removed entry's id and hash
-- (the first remaining entry's prev_hash), so verification can start from here instead of the genesis hash.
CREATE TABLE privacy_audit_checkpoint (
  id          bigserial PRIMARY KEY,
  through_id  bigint      NOT NULL,
  through_hash text       NOT NULL,
  purged      bigint      NOT NULL,
  at          timestamptz NOT NULL
);
