-- A user's own softphone (a supervisor's, for listen / whisper / barge): the spy rings this, never one from the request.
ALTER TABLE users ADD COLUMN endpoint text CHECK (endpoint ~ '^PJSIP/[A-Za-z0-9_-]{1,40}$');
