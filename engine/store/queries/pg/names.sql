-- The workspace's named things, PostgreSQL variants (see ../names.sql).

-- name: names-tags
-- DISTINCT would want the ORDER BY expression in the select list.
SELECT tag FROM contact_tags GROUP BY tag ORDER BY tag COLLATE nocase;
