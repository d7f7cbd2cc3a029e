-- Saved segments, PostgreSQL variants (see ../segments.sql).

-- name: get-segment
-- By id, or else by name (case-insensitive).
(SELECT id, name, rules, updated_at FROM segments WHERE id=?)
UNION ALL (SELECT id, name, rules, updated_at FROM segments WHERE lower(name)=lower(?)) LIMIT 1;
