-- The outbox: claiming due messages, settling what delivery found out,
-- failures and retries. A message "in trouble" is failed, or pending with
-- an error from an earlier try (runner.troubleSQL says the same for its
-- benchmark's floor).

-- name: recover-outbox
UPDATE outbox SET status='pending', sending_until=0 WHERE status='sending';

-- name: due-messages
SELECT id, key, kind, contact_id, enrollment_id, node, payload, attempts, last_error FROM outbox
WHERE status='pending' AND next_at<=? ORDER BY next_at, id LIMIT ?;

-- name: skip-message
UPDATE outbox SET status='skipped', last_error=? WHERE id=?;

-- name: release-message
UPDATE outbox SET status='pending', sending_until=0 WHERE id=? AND status='sending';

-- name: reclaim-expired-messages
-- Messages whose engine stopped renewing their lease (it died) go back to
-- the queue; a live engine renews its leases long before they run out.
UPDATE outbox SET status='pending', sending_until=0 WHERE status='sending' AND sending_until>0 AND sending_until<=?;

-- name: message-sent
UPDATE outbox SET status='sent', sent_at=?, message_id=?, last_error='' WHERE id=?;

-- name: message-retry
UPDATE outbox SET status=?, next_at=?, last_error=? WHERE id=?;

-- name: message-bounced
UPDATE outbox SET status='bounced', last_error=? WHERE id=?;

-- name: contact-bounced
UPDATE contacts SET bounced=1, updated_at=? WHERE id=?;

-- name: message-failed
UPDATE outbox SET status='failed', last_error=? WHERE id=?;

-- name: outbox-stats
SELECT status, count(*) FROM outbox GROUP BY status;

-- name: failed-messages-by-step
SELECT json_extract(payload,'$.flow'), node, count(*), coalesce(sum(CASE WHEN status='pending' THEN 1 ELSE 0 END),0), max(id) FROM outbox
WHERE (status = 'failed' OR (status = 'pending' AND last_error <> ''))
GROUP BY 1, 2;

-- name: failed-messages-by-step-of-flow
SELECT json_extract(payload,'$.flow'), node, count(*), coalesce(sum(CASE WHEN status='pending' THEN 1 ELSE 0 END),0), max(id) FROM outbox
WHERE (status = 'failed' OR (status = 'pending' AND last_error <> '')) AND json_extract(payload,'$.flow')=?
GROUP BY 1, 2;

-- name: message-error
SELECT last_error, created_at FROM outbox WHERE id=?;

-- name: stopped-journeys-by-step
SELECT flow_id, node, count(*), max(id) FROM enrollments WHERE status='error' GROUP BY flow_id, node;

-- name: stopped-journeys-by-step-of-flow
SELECT flow_id, node, count(*), max(id) FROM enrollments WHERE status='error' AND flow_id=? GROUP BY flow_id, node;

-- name: journey-error
SELECT error, updated_at FROM enrollments WHERE id=?;

-- name: flow-published-version
SELECT coalesce(published_version,0) FROM flows WHERE id=?;

-- name: failed-messages-of-flow
SELECT id, node, payload FROM outbox
WHERE (status = 'failed' OR (status = 'pending' AND last_error <> '')) AND json_extract(payload,'$.flow')=?;

-- name: failed-messages-of-step
SELECT id, node, payload FROM outbox
WHERE (status = 'failed' OR (status = 'pending' AND last_error <> '')) AND json_extract(payload,'$.flow')=? AND node=?;

-- name: requeue-message
UPDATE outbox SET status='pending', attempts=0, next_at=?, payload=? WHERE id=?;

-- name: journey-version
SELECT version FROM enrollments WHERE id=?;

-- name: journal-delivery-step
INSERT INTO steps(enrollment_id, flow_id, version, contact_id, node, port, reason, code, params, outcome, at) VALUES (?,?,?,?,?,?,?,?,?,?,?);

-- name: count-delivery-step
INSERT INTO step_counts(flow_id, node, port, outcome, n) VALUES (?,?,'',?,1) ON CONFLICT(flow_id, node, port, outcome) DO UPDATE SET n = step_counts.n + 1;
