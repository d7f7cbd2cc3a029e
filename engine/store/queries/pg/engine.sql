-- The engine's own reads, PostgreSQL variants (see ../engine.sql).

-- name: event-types-between
SELECT DISTINCT type FROM events
WHERE (xid, id) > (CAST(CAST(CAST(?1 AS BIGINT) AS TEXT) AS xid8), CAST(?2 AS BIGINT))
  AND (xid, id) <= (CAST(CAST(CAST(?3 AS BIGINT) AS TEXT) AS xid8), CAST(?4 AS BIGINT));
