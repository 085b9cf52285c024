-- Access audit: append-only, each row carries SHA-256(previous hash || this row's content).
CREATE TABLE audit (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL,
  actor        text        NOT NULL,
  action       text        NOT NULL,
  subject_type text,
  subject_id   text,
  reason       text,
  details      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  prev_hash    text        NOT NULL,
  hash         text        NOT NULL
);
CREATE INDEX audit_subject ON audit (subject_type, subject_id);
CREATE INDEX audit_actor_at ON audit (actor, at);
-- The application role never needs to change history.
CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit is append-only';
END $$;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
