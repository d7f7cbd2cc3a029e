-- The live runner's journeys, PostgreSQL variants (see ../journeys.sql).

-- name: marketing-emails-since
-- json_extract gives text here: SQLite's 1 for true reads "true" or "1".
SELECT count(*) FROM outbox WHERE contact_id=? AND kind='email' AND created_at>? AND status NOT IN ('failed','bounced','skipped') AND json_extract(payload,'$.marketing') IN ('1','true');

-- name: claim-lock
SELECT 1 FROM (SELECT pg_advisory_xact_lock(CAST(? AS BIGINT))) AS l;

-- name: try-claim-lock
SELECT CASE WHEN pg_try_advisory_xact_lock(CAST(? AS BIGINT)) THEN 1 ELSE 0 END;
