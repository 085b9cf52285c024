-- Address books: corporate entries (owner NULL, replaced from config/address-book.csv at every start) and each
-- operator's personal entries (owner = operator id).
CREATE TABLE desktop_contacts (
  id            bigserial PRIMARY KEY,
  owner         text,
  name          text NOT NULL,
  phone         text NOT NULL,
  organisation  text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desktop_contacts_owner ON desktop_contacts (owner, name);
