-- Where the audit chain starts after retention removed its oldest entries: the last removed entry's id and hash
-- (the first remaining entry's prev_hash). Verification starts from the newest checkpoint instead of the genesis hash.
CREATE TABLE audit_checkpoint (
  id           bigserial PRIMARY KEY,
  through_id   bigint      NOT NULL,
  through_hash text        NOT NULL,
  purged       bigint      NOT NULL,
  at           timestamptz NOT NULL
);
