-- Knowledge-base articles (Markdown from config/kb), replaced from the files at every start; ranked full-text search
-- with the article's own language's stemming (en or ru).
CREATE TABLE desktop_kb_articles (
  slug      text PRIMARY KEY,
  title     text NOT NULL,
  body      text NOT NULL,
  language  text NOT NULL CHECK (language IN ('en', 'ru')),
  document  tsvector GENERATED ALWAYS AS (CASE language
    WHEN 'ru' THEN setweight(to_tsvector('russian', title), 'A') || setweight(to_tsvector('russian', body), 'B')
    ELSE setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B') END) STORED
);
CREATE INDEX desktop_kb_document ON desktop_kb_articles USING gin (document);
