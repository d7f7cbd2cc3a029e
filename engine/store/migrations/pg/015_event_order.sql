-- 015 (PostgreSQL): events are written without a workspace-wide lock.
--
-- Until now every transaction that wrote events held one advisory lock (the
-- events_lock trigger) to its end, so ids followed commit order and the
-- runner could handle events in id order above a mark. Two engines whose
-- steps record events (a tag, points, each email sent, the intake) then
-- took turns. Now each event carries the id of the transaction that wrote
-- it (xid), and the runner reads events in (xid, id) order above a mark
-- (xid, id), only those whose transaction is older than every transaction
-- still running (pg_snapshot_xmin): none of those can commit later, so
-- nothing the mark passed can appear below it. Events of one contact keep
-- the order they were written in (one transaction: id order; a later
-- transaction: a later xid). See DESIGN notes in engine/store/events.go.
DROP TRIGGER events_lock ON events;
DROP FUNCTION fp_lock_events();
-- Every event written so far gets this migration's transaction id (a
-- volatile default is evaluated for each existing row).
ALTER TABLE events ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX events_xid ON events(xid, id);
-- The mark was an id: every event at or below it is handled. All events
-- have this transaction's xid, so (this xid, that id) says the same.
UPDATE settings SET value = pg_current_xact_id()::text || ':' || value WHERE key = 'events_mark';
