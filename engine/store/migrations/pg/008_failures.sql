-- 008 (PostgreSQL): the twin of ../008_failures.sql.
CREATE INDEX IF NOT EXISTS outbox_trouble ON outbox(node) WHERE status = 'failed' OR (status = 'pending' AND last_error <> '');
CREATE INDEX IF NOT EXISTS enrollments_error ON enrollments(flow_id, node) WHERE status = 'error';
