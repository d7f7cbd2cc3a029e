-- The workspace itself, PostgreSQL variants (see ../workspace.sql).

-- name: count-tables
SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE';

-- name: has-meta
SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'meta';

-- name: list-tables
SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name;
