-- 012: a message being sent is leased to the engine that claimed it, as in
-- the SQLite workspace (migrations/012_sending_lease.sql).
ALTER TABLE outbox ADD COLUMN sending_until BIGINT NOT NULL DEFAULT 0;
CREATE INDEX outbox_sending ON outbox(sending_until) WHERE status = 'sending';

-- Ids given by the sequences (outbox, steps…) could meet when several
-- engines insert at once: the bump read the sequence, another engine took
-- ids, and setval moved the sequence back under them (a duplicate key).
-- Now the bump only moves a sequence up, and only when rows inserted with
-- their own ids (the runner's journeys and events, a migrated workspace)
-- went past it.
CREATE OR REPLACE FUNCTION fp_bump_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seq text := pg_get_serial_sequence(TG_TABLE_NAME, 'id');
  top bigint;
  cur bigint;
BEGIN
  EXECUTE format('SELECT coalesce(max(id), 1) FROM %I', TG_TABLE_NAME) INTO top;
  EXECUTE format('SELECT last_value FROM %s', seq) INTO cur;
  IF top > cur THEN
    EXECUTE format('SELECT setval(%L, greatest(%s, (SELECT last_value FROM %s)))', seq, top, seq);
  END IF;
  RETURN NULL;
END $$;
