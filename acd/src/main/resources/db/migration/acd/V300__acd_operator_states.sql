-- Every operator state change (logged-out, ready, reserved, on-call, wrap-up, not-ready), for occupancy and
-- handling-time reports. The same facts are journalled as acd.operator.state-changed.
CREATE TABLE acd_operator_state_change (
  id          bigserial PRIMARY KEY,
  operator_id text        NOT NULL,
  from_state  text        NOT NULL,
  to_state    text        NOT NULL,
  reason      text,
  call_id     text,
  at          timestamptz NOT NULL
);
CREATE INDEX acd_operator_state_change_operator_at ON acd_operator_state_change (operator_id, at);
