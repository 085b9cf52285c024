-- People who sign in: operators (role agent), supervisors, administrators. Passwords are bcrypt hashes.
CREATE TABLE users (
  username      text PRIMARY KEY,
  password_hash text        NOT NULL,
  roles         text[]      NOT NULL,
  lines         integer[]   NOT NULL DEFAULT '{}',
  disabled      boolean     NOT NULL DEFAULT false,
  failed_logins integer     NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
