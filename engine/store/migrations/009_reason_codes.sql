-- 009: the journal's reasons are codes with parameters (engine/words),
-- rendered in the reader's language when read; ids in the parameters are
-- turned into names then. Rows written before keep their English text in
-- reason (code ''), and still show it.
ALTER TABLE steps ADD COLUMN code TEXT NOT NULL DEFAULT '';
ALTER TABLE steps ADD COLUMN params TEXT NOT NULL DEFAULT '';
