-- 015: nothing changes in a workspace file. On PostgreSQL several engines
-- write events at once and the runner reads them by writing transaction
-- (migrations/pg/015_event_order.sql); SQLite has one writer, whose ids
-- follow commit order, and keeps reading events in id order.
SELECT 1;
