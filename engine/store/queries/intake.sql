-- The event intake (the lookups of a whole group of requests are IN lists
-- built in Go).

-- name: next-event-id
SELECT coalesce(max(id),0)+1 FROM events;

-- name: prune-event-ids
DELETE FROM event_ids WHERE received_at < ?;
