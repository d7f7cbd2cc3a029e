-- The outbox, PostgreSQL variants (see ../outbox.sql).

-- name: recover-outbox
-- Messages left "sending" by an engine that stopped go back to the queue;
-- when other engines share the workspace (they hold its lock too) one of
-- them may be sending those right now, so they wait until their lease runs
-- out (reclaim-expired-messages) or an engine starts alone.
UPDATE outbox SET status='pending', sending_until=0 WHERE status='sending'
AND (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid = 1181509991 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) <= 1;
