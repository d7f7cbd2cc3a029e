-- The event intake, PostgreSQL variants (see ../intake.sql).

-- name: next-event-id
-- The id the next inserted event gets: past the largest id and past what
-- the id sequence has handed out (a rolled-back insert used some).
SELECT greatest(coalesce((SELECT max(id) FROM events), 0),
	(SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM events_id_seq)) + 1;
