-- 014: due journeys are read in (wake_at, id) order, 1,000 to a batch. With
-- the index on wake_at alone, PostgreSQL sorted every journey due at the
-- same time to find the first 1,000 (a wait until a date wakes thousands
-- at one instant: each batch read them all again). With the id in the
-- index, a batch reads its journeys straight from it.
DROP INDEX enrollments_wake;
CREATE INDEX enrollments_wake ON enrollments(wake_at, id) WHERE status = 'waiting' AND wake_at IS NOT NULL;
