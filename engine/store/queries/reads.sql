-- What the command line reads back (engine/reads.go): journeys, the
-- journal and the outbox, by funnel or by contact. A 0 or '' argument
-- means "any", so each read is one statement.

-- name: read-journeys
SELECT e.id, e.flow_id, e.version, e.contact_id, coalesce(c.email,''), e.node, e.status,
	e.entered_at, e.updated_at, e.wake_at, coalesce(e.wait_event,''), e.error
FROM enrollments e LEFT JOIN contacts c ON c.id=e.contact_id
WHERE (?1='' OR e.flow_id=?1) AND (?2=0 OR e.contact_id=?2)
ORDER BY e.flow_id, e.id;

-- name: read-journal
SELECT s.id, s.at, s.flow_id, s.version, s.contact_id, coalesce(c.email,''), s.node, s.port, s.outcome, s.reason, s.code, s.params
FROM steps s LEFT JOIN contacts c ON c.id=s.contact_id
WHERE (?1='' OR s.flow_id=?1) AND (?2=0 OR s.contact_id=?2) AND s.at>=?3 AND s.at<?4
ORDER BY s.id;

-- name: read-outbox
SELECT o.id, o.kind, coalesce(e.flow_id,''), o.node, o.contact_id, coalesce(c.email,''), o.status, o.attempts,
	o.created_at, o.next_at, o.sent_at, o.last_error
FROM outbox o LEFT JOIN enrollments e ON e.id=o.enrollment_id LEFT JOIN contacts c ON c.id=o.contact_id
WHERE (?1='' OR o.status=?1) AND (?2='' OR e.flow_id=?2)
ORDER BY o.id;

-- name: read-flow-exists
SELECT count(*) FROM flows WHERE id=?;
