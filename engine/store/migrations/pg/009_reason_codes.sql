-- 009: the journal's reasons are codes with parameters (engine/words),
-- as in the SQLite workspace (migrations/009_reason_codes.sql).
ALTER TABLE steps ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE steps ADD COLUMN params TEXT NOT NULL DEFAULT '';
