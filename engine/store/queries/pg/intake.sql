-- The event intake, PostgreSQL variants (see ../intake.sql).

-- name: reserve-event-ids
-- n ids from the events' sequence, in order: other engines write events
-- at the same time (no lock between them), and the sequence gives each id
-- once (the ids of one call may have others' in between).
SELECT nextval('events_id_seq') AS id FROM generate_series(1, CAST(? AS BIGINT)) ORDER BY id;
