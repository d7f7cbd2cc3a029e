-- 011 (PostgreSQL): the twin of ../011_forms.sql.
CREATE TABLE forms (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  submissions BIGINT NOT NULL DEFAULT 0,
  spam BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX forms_name ON forms(lower(name));
