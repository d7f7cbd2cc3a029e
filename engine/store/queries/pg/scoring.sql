-- Lead scoring, PostgreSQL variants (see ../scoring.sql).

-- name: scoring-stamp
SELECT count(*), coalesce(max(updated_at)::text,'') || (SELECT coalesce(string_agg(value, ','),'') FROM settings WHERE key LIKE 'scor%') FROM scoring_rules;

-- name: insert-scoring-rule
-- A new rule comes without an id (SQLite gives a NULL id the next rowid).
INSERT INTO scoring_rules(id, position, name, event, filters, points, enabled, updated_at)
VALUES(coalesce(CAST(? AS BIGINT), nextval(pg_get_serial_sequence('scoring_rules', 'id'))),?,?,?,?,?,?,?);
