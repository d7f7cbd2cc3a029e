-- The live runner's journeys, PostgreSQL variants (see ../journeys.sql).

-- name: marketing-emails-since
-- json_extract gives text here: SQLite's 1 for true reads "true" or "1".
SELECT count(*) FROM outbox WHERE contact_id=? AND kind='email' AND created_at>? AND status NOT IN ('failed','bounced','skipped') AND json_extract(payload,'$.marketing') IN ('1','true');

-- name: claim-lock
SELECT 1 FROM (SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))) AS l;

-- name: try-claim-lock
SELECT CASE WHEN pg_try_advisory_xact_lock(CAST(? AS BIGINT)) THEN 1 ELSE 0 END;

-- name: events-horizon
-- The xid of the oldest transaction still running (any database of the
-- server): every event of an older transaction is committed or gone, and
-- no transaction can get an xid below it any more.
SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT) AS BIGINT);

-- name: unprocessed-events-after
-- Events in (xid, id) order above the mark, of transactions older than the
-- horizon only (an event of a running one may commit later, below events
-- already visible): read along events_xid (migration 015).
SELECT CAST(CAST(xid AS TEXT) AS BIGINT), id, contact_id, type, props, at FROM events
WHERE (xid, id) > (CAST(CAST(CAST(?1 AS BIGINT) AS TEXT) AS xid8), CAST(?2 AS BIGINT))
  AND xid < CAST(CAST(CAST(?3 AS BIGINT) AS TEXT) AS xid8) AND processed=0
ORDER BY xid, id LIMIT ?4;

-- name: last-event-below
SELECT CAST(CAST(xid AS TEXT) AS BIGINT), id FROM events
WHERE xid < CAST(CAST(CAST(? AS BIGINT) AS TEXT) AS xid8) ORDER BY xid DESC, id DESC LIMIT 1;

-- name: events-held
SELECT count(*) FROM (SELECT 1 FROM events
WHERE (xid, id) > (CAST(CAST(CAST(?1 AS BIGINT) AS TEXT) AS xid8), CAST(?2 AS BIGINT))
  AND xid >= CAST(CAST(CAST(?3 AS BIGINT) AS TEXT) AS xid8) AND processed=0 LIMIT 1) AS h;
