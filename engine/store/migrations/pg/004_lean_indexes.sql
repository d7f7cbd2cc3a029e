-- 004 (PostgreSQL): the twin of ../004_lean_indexes.sql.
DROP INDEX IF EXISTS events_pending;
DROP INDEX IF EXISTS steps_enrollment;
