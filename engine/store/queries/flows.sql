-- Funnels: drafts, published versions, pausing.

-- name: list-flows
SELECT id, name, draft, coalesce(published_version,0), enabled, updated_at, draft_version, draft_by FROM flows ORDER BY name COLLATE NOCASE, id;

-- name: get-flow
SELECT id, name, draft, coalesce(published_version,0), enabled, updated_at, draft_version, draft_by FROM flows WHERE id=?;

-- name: save-flow-draft
INSERT INTO flows(id,name,draft,created_at,updated_at,draft_version,draft_by) VALUES(?,?,?,?,?,1,?)
ON CONFLICT(id) DO UPDATE SET name=excluded.name, draft=excluded.draft, updated_at=excluded.updated_at,
  draft_version=flows.draft_version+1, draft_by=excluded.draft_by;

-- name: save-flow-draft-if
-- A save based on the version the window loaded: no row changes when
-- someone saved since (or the funnel is gone).
UPDATE flows SET name=?, draft=?, updated_at=?, draft_version=draft_version+1, draft_by=? WHERE id=? AND draft_version=?;

-- name: get-draft-stamp
SELECT draft_version, draft_by, updated_at FROM flows WHERE id=?;

-- name: count-flows-with-id
SELECT count(*) FROM flows WHERE id=?;

-- name: put-raw-flow
INSERT INTO flows(id,name,draft,created_at,updated_at) VALUES(?,?,?,?,?)
ON CONFLICT(id) DO UPDATE SET draft=excluded.draft;

-- name: delete-flow
DELETE FROM flows WHERE id=?;

-- name: delete-flow-versions
DELETE FROM flow_versions WHERE flow_id=?;

-- name: exit-enrollments-of-deleted-flow
UPDATE enrollments SET status='exited', error='flow deleted', wake_at=NULL WHERE flow_id=? AND status IN ('active','waiting');

-- name: next-flow-version
SELECT coalesce(max(version),0)+1 FROM flow_versions WHERE flow_id=?;

-- name: insert-flow-version
INSERT INTO flow_versions(flow_id,version,body,published_at,note) VALUES(?,?,?,?,?);

-- name: publish-flow
INSERT INTO flows(id,name,draft,published_version,enabled,created_at,updated_at) VALUES(?,?,?,?,1,?,?)
ON CONFLICT(id) DO UPDATE SET name=excluded.name, draft=excluded.draft, published_version=excluded.published_version, enabled=1, updated_at=excluded.updated_at;

-- name: set-flow-enabled
UPDATE flows SET enabled=? WHERE id=?;

-- name: list-flow-versions
SELECT version, published_at, note FROM flow_versions WHERE flow_id=? ORDER BY version DESC;

-- name: get-flow-version
SELECT body FROM flow_versions WHERE flow_id=? AND version=?;

-- name: published-flows
SELECT f.id, v.version, v.body FROM flows f JOIN flow_versions v ON v.flow_id=f.id AND v.version=f.published_version WHERE f.enabled=1;

-- name: flow-drafts
SELECT id, draft FROM flows;

-- name: enabled-flows-stamp
-- What the runner compares to tell that the published funnels changed.
SELECT count(*), max(updated_at) FROM flows WHERE enabled=1;

-- name: enabled-flows-versions-sum
SELECT sum(published_version) FROM flows WHERE enabled=1;
