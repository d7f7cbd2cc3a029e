-- The event intake (the lookups of a whole group of requests are IN lists
-- built in Go).

-- name: reserve-event-ids
-- n ids for the events an intake transaction is about to write, in order:
-- it holds the only write lock, so they follow the largest id.
WITH RECURSIVE r(i) AS (SELECT 1 WHERE ?1 > 0 UNION ALL SELECT i+1 FROM r WHERE i < ?1)
SELECT (SELECT coalesce(max(id),0) FROM events) + i FROM r ORDER BY i;

-- name: prune-event-ids
DELETE FROM event_ids WHERE received_at < ?;
