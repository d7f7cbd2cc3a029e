-- 008: failures are shown where they happen (on the step, in the problems
-- panel), so the engine counts them per funnel and step often (every few
-- seconds while a funnel is open). Both indexes hold only the rows in
-- trouble: messages that could not be sent (failed, or waiting to be tried
-- again after an error) and journeys stopped by an error.
CREATE INDEX IF NOT EXISTS outbox_trouble ON outbox(node) WHERE status = 'failed' OR (status = 'pending' AND last_error <> '');
CREATE INDEX IF NOT EXISTS enrollments_error ON enrollments(flow_id, node) WHERE status = 'error';
