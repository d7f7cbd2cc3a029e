-- 014: nothing to change here. Due journeys are read in (wake_at, id)
-- order; SQLite's enrollments_wake index already keeps equal wake times in
-- rowid (id) order. PostgreSQL's twin adds the id to its index
-- (migrations/pg/014_wake_order.sql).
SELECT 1;
