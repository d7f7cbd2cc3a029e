-- 013: each save of a funnel's draft counts and says who made it, as in
-- the SQLite workspace (migrations/013_draft_version.sql).
ALTER TABLE flows ADD COLUMN draft_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE flows ADD COLUMN draft_by TEXT NOT NULL DEFAULT '';
