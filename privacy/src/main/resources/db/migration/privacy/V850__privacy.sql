-- Data protection (privacy module). Customers on legal hold: retention and erasure leave their data as it is.
CREATE TABLE privacy_legal_hold (
  customer_id  text PRIMARY KEY,
  reason       text        NOT NULL,
  placed_by    text        NOT NULL,
  placed_at    timestamptz NOT NULL
);

