-- Tickets, their full transition history, notes and the calls / recordings linked to them.
CREATE SEQUENCE crm_ticket_number START 1;

CREATE TABLE crm_ticket (
  id           bigserial PRIMARY KEY,
  number       text NOT NULL UNIQUE,
  customer_id  bigint REFERENCES crm_customer(id),
  topic        text NOT NULL,
  status       text NOT NULL,
  subject      text NOT NULL,
  description  text,
  line         int NOT NULL CHECK (line BETWEEN 1 AND 3),
  owner        text,
  due_at       timestamptz,
  remind_at    timestamptz,
  reminded_at  timestamptz,
  source       text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  version      int NOT NULL DEFAULT 0
);
CREATE INDEX crm_ticket_customer_open ON crm_ticket (customer_id, created_at DESC)
  WHERE status NOT IN ('resolved', 'closed', 'cancelled');
CREATE INDEX crm_ticket_customer ON crm_ticket (customer_id, created_at DESC);
CREATE INDEX crm_ticket_reminder ON crm_ticket (remind_at) WHERE remind_at IS NOT NULL AND reminded_at IS NULL;
CREATE INDEX crm_ticket_owner ON crm_ticket (line, owner, status);

CREATE TABLE crm_ticket_transition (
  id          bigserial PRIMARY KEY,
  ticket_id   bigint NOT NULL REFERENCES crm_ticket(id),
  from_status text,
  to_status   text NOT NULL,
  from_line   int,
  to_line     int NOT NULL,
  actor       text NOT NULL,
  reason      text,
  at          timestamptz NOT NULL
);
CREATE INDEX crm_ticket_transition_ticket ON crm_ticket_transition (ticket_id, id);

CREATE TABLE crm_ticket_note (
  id         bigserial PRIMARY KEY,
  ticket_id  bigint NOT NULL REFERENCES crm_ticket(id),
  author     text NOT NULL,
  body       text NOT NULL,
  at         timestamptz NOT NULL
);
CREATE INDEX crm_ticket_note_ticket ON crm_ticket_note (ticket_id, id);

CREATE TABLE crm_ticket_link (
  ticket_id  bigint NOT NULL REFERENCES crm_ticket(id),
  kind       text NOT NULL CHECK (kind IN ('call', 'recording')),
  ref        text NOT NULL,
  linked_by  text NOT NULL,
  linked_at  timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, kind, ref)
);
CREATE INDEX crm_ticket_link_ref ON crm_ticket_link (kind, ref);
