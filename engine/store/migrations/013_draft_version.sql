-- 013: each save of a funnel's draft counts (draft_version) and says who
-- made it (draft_by: the person's name, "" when not known). Two people on
-- one team workspace: a window saves on the version it loaded, and a save
-- based on an older one is refused, naming who saved since.
ALTER TABLE flows ADD COLUMN draft_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE flows ADD COLUMN draft_by TEXT NOT NULL DEFAULT '';
