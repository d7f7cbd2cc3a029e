-- 016 (PostgreSQL): a sequence is moved past rows inserted with their own
-- ids also when the largest is the very value it would give next.
--
-- The bump of 012 moved a sequence only when the largest id went past its
-- last value. A sequence never used has last value 1 and gives 1 next, so
-- a table whose only row was written with its own id 1 (a migrated
-- workspace with one contact or one list, a fresh workspace's first event
-- written by the runner) kept a sequence that gave 1 again: the next row
-- it numbered failed as a duplicate key. Now the value it gives next is
-- compared: last value + 1 once used, last value before.
CREATE OR REPLACE FUNCTION fp_bump_id() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seq text := pg_get_serial_sequence(TG_TABLE_NAME, 'id');
  top bigint;
  cur bigint;
  called boolean;
BEGIN
  EXECUTE format('SELECT max(id) FROM %I', TG_TABLE_NAME) INTO top;
  EXECUTE format('SELECT last_value, is_called FROM %s', seq) INTO cur, called;
  IF top > cur OR (top = cur AND NOT called) THEN
    EXECUTE format('SELECT setval(%L, greatest(%s, (SELECT last_value FROM %s)))', seq, top, seq);
  END IF;
  RETURN NULL;
END $$;

-- Workspaces already in that state are mended: each table numbered by a
-- bumped sequence gets the same check once.
DO $$
DECLARE
  t text;
  seq text;
  top bigint;
  cur bigint;
  called boolean;
BEGIN
  FOR t IN SELECT DISTINCT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
           WHERE g.tgfoid = 'fp_bump_id'::regproc AND c.relnamespace = current_schema()::regnamespace LOOP
    seq := pg_get_serial_sequence(t, 'id');
    EXECUTE format('SELECT max(id) FROM %I', t) INTO top;
    EXECUTE format('SELECT last_value, is_called FROM %s', seq) INTO cur, called;
    IF top > cur OR (top = cur AND NOT called) THEN
      PERFORM setval(seq, top);
    END IF;
  END LOOP;
END $$;
