-- The live runner's journeys (runner/batch.go, effects.go, park.go), read
-- and written in the batch's transaction unless said otherwise.

-- name: next-enrollment-id
-- A new journey's id: one writer, so max+1 is safe.
SELECT coalesce(max(id),0)+1 FROM enrollments;

-- name: events-mark
-- The id below which every event has been processed.
SELECT value FROM settings WHERE key='events_mark';

-- name: set-events-mark
INSERT INTO settings(key, value) VALUES('events_mark', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value;

-- name: unprocessed-events-after
-- The next batch of events to process, in arrival order: id > mark, limit.
SELECT id, contact_id, type, props, at FROM events WHERE id>? AND processed=0 ORDER BY id LIMIT ?;

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
