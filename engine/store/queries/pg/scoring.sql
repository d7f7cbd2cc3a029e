-- Lead scoring, PostgreSQL variants (see ../scoring.sql).

-- name: scoring-stamp
SELECT count(*), coalesce(max(updated_at)::text,'') || (SELECT coalesce(string_agg(value, ','),'') FROM settings WHERE key LIKE 'scor%') FROM scoring_rules;
