-- The live runner's journeys (runner/batch.go, effects.go, park.go), read
-- and written in the batch's transaction unless said otherwise.

-- name: next-enrollment-id
-- A new journey's id: one writer, so max+1 is safe.
SELECT coalesce(max(id),0)+1 FROM enrollments;

-- name: events-mark
-- Where the runner is in the events: every event at or below the mark is
-- handled. Here an id; on PostgreSQL "xid:id" (see store/events.go).
SELECT value FROM settings WHERE key='events_mark';

-- name: set-events-mark
INSERT INTO settings(key, value) VALUES('events_mark', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value;

-- name: events-horizon
-- On PostgreSQL, the oldest transaction still running: events of older
-- ones can all be read, none of theirs can still appear. Unused here (0):
-- one writer, ids in commit order.
SELECT 0;

-- name: unprocessed-events-after
-- The next batch of events to handle, in the order they are handled:
-- (mark's xid, mark's id, horizon, limit). Here id order above the mark's
-- id; the xid (0) and the horizon play no part.
SELECT 0, id, contact_id, type, props, at FROM events WHERE ?1>=0 AND id>?2 AND ?3>=0 AND processed=0 ORDER BY id LIMIT ?4;

-- name: events-held
-- On PostgreSQL, whether events above the mark are committed but wait for
-- an older transaction still running (mark's xid, mark's id, horizon).
-- Never here.
SELECT CASE WHEN ?1 IS NULL OR ?2 IS NULL OR ?3 IS NULL THEN 0 ELSE 0 END;

-- name: last-event-below
-- The last event, handled or quiet, that a mark may pass (horizon): with no
-- event left to handle, the mark moves over quiet rows (an import's).
SELECT 0, id FROM events WHERE ?>=0 ORDER BY id DESC LIMIT 1;

-- name: journey-tally
-- A contact's journeys through a flow, for its re-entry rule: how many,
-- how many still open, the last entry (flow_id, contact_id).
SELECT count(*), coalesce(sum(CASE WHEN status IN ('waiting','active') THEN 1 ELSE 0 END),0), coalesce(max(entered_at),0) FROM enrollments WHERE flow_id=? AND contact_id=?;

-- name: marketing-emails-since
-- The frequency cap: a contact's marketing emails queued after a time that
-- did not fail, bounce or get skipped.
SELECT count(*) FROM outbox WHERE contact_id=? AND kind='email' AND created_at>? AND status NOT IN ('failed','bounced','skipped') AND json_extract(payload,'$.marketing')=1;

-- name: active-enrollments
-- Journeys left active (a script parked when the program stopped), on the
-- store, outside any batch.
SELECT id, contact_id, flow_id, node, seq FROM enrollments WHERE status='active';

-- name: claim-lock
-- A PostgreSQL workspace shared by several engines: a lock held until the
-- transaction ends (queries/pg/journeys.sql). SQLite's batch already holds
-- the only write lock; the runner does not ask it there.
SELECT 1 WHERE ? IS NOT NULL;

-- name: try-claim-lock
-- claim-lock when nobody holds it: 1 if taken, 0 if not.
SELECT 1 WHERE ? IS NOT NULL;
