-- 011: sign-up forms (package engine/forms). A form is kept whole as JSON
-- (its fields, lists, tags, texts); the key is the public id in its URLs
-- (/f/{key}), never shown in the app. submissions and spam count what the
-- engine's server received, for the forms list.
CREATE TABLE forms (
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  submissions INTEGER NOT NULL DEFAULT 0,
  spam INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX forms_name ON forms(name COLLATE NOCASE);
