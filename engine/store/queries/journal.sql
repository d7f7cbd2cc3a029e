-- The journal read back: a funnel's counts and a contact's path.

-- name: node-counts
-- Running totals kept with the journal (see migration 005).
SELECT v.node, v.n,
	coalesce((SELECT sum(n) FROM step_counts c WHERE c.flow_id=v.flow_id AND c.node=v.node AND c.outcome='error'),0),
	coalesce((SELECT sum(n) FROM step_counts c WHERE c.flow_id=v.flow_id AND c.node=v.node AND c.outcome='skipped'),0)
FROM node_visits v WHERE v.flow_id=? ORDER BY v.node;

-- name: waiting-by-node
SELECT node, count(*) FROM enrollments WHERE flow_id=? AND status='waiting' GROUP BY node;

-- name: edge-counts
SELECT node, port, sum(n) FROM step_counts WHERE flow_id=? AND port<>'' GROUP BY node, port ORDER BY node, port;

-- name: journey-totals
SELECT count(*), coalesce(sum(CASE WHEN status IN ('active','waiting') THEN 1 ELSE 0 END),0), coalesce(sum(CASE WHEN status='done' THEN 1 ELSE 0 END),0) FROM enrollments WHERE flow_id=?;

-- name: goals-reached
-- An event whose properties are not valid JSON counts for no funnel (see
-- steps.sql).
SELECT count(*) FROM events WHERE type='goal_reached' AND json_extract(CASE WHEN json_valid(props) THEN props END,'$.flow')=?;

-- name: contact-path
SELECT enrollment_id, flow_id, version, node, port, reason, code, params, outcome, at FROM steps WHERE contact_id=? ORDER BY id;

-- name: contact-path-in-flow
SELECT enrollment_id, flow_id, version, node, port, reason, code, params, outcome, at FROM steps WHERE contact_id=? AND flow_id=? ORDER BY id;

-- name: next-wake
SELECT min(wake_at) FROM enrollments WHERE status='waiting' AND wake_at IS NOT NULL;

-- name: journeys-on-other-versions
SELECT id, node FROM enrollments WHERE flow_id=? AND version<>? AND status IN ('active','waiting');

-- name: set-journey-version
UPDATE enrollments SET version=? WHERE id=?;
