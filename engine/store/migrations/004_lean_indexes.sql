-- 004: the runner keeps a high-water mark of processed events (setting
-- events_mark) instead of flipping a flag on every event, so the partial
-- index over unprocessed events only cost writes; and nothing reads the
-- journal by enrollment. Fewer indexes, faster steps.
DROP INDEX IF EXISTS events_pending;
DROP INDEX IF EXISTS steps_enrollment;
