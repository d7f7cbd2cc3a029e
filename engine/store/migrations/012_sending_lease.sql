-- 012: a message being sent is leased to the engine that claimed it until
-- sending_until (Unix ms), which that engine pushes forward while it
-- works. Several engines share a PostgreSQL workspace: when one dies, the
-- others put its expired messages back in the queue (runner.reclaimExpired).
-- 0: no lease (rows claimed before this migration; the next start alone
-- puts them back, as before).
ALTER TABLE outbox ADD COLUMN sending_until INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_sending ON outbox(sending_until) WHERE status = 'sending';
