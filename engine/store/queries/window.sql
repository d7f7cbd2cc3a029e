-- What the window's services read and write beyond the other domains:
-- scripts, journeys on other versions, the first contacts, list and tag
-- sizes, templates for pickers.

-- name: list-scripts
SELECT name, kind, source FROM scripts ORDER BY name;

-- name: save-script
INSERT INTO scripts(name, kind, source, updated_at) VALUES(?,?,?,?)
ON CONFLICT(name) DO UPDATE SET kind=excluded.kind, source=excluded.source, updated_at=excluded.updated_at;

-- name: delete-script
DELETE FROM scripts WHERE name=?;

-- name: count-journeys-in-flow
SELECT count(*) FROM enrollments WHERE flow_id=? AND status IN ('active','waiting');

-- name: count-journeys-on-other-versions
SELECT count(*) FROM enrollments WHERE flow_id=? AND version<>? AND status IN ('active','waiting','error');

-- name: first-contact-ids
SELECT id FROM contacts ORDER BY id LIMIT ?;

-- name: all-contact-ids
SELECT id FROM contacts ORDER BY id;

-- name: contact-id-by-email-any-case
SELECT id FROM contacts WHERE email = ? COLLATE NOCASE;

-- name: list-name
SELECT name FROM lists WHERE name = ?;

-- name: list-sizes
SELECT l.name, (SELECT count(*) FROM list_members m WHERE m.list_id = l.id) FROM lists l ORDER BY l.name COLLATE NOCASE;

-- name: tag-sizes
SELECT tag, count(*) FROM contact_tags GROUP BY tag ORDER BY tag COLLATE NOCASE;

-- name: templates-by-name
SELECT id, name, body FROM templates ORDER BY name COLLATE NOCASE, id;
