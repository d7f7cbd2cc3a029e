-- The engine's own reads: event types seen, the workspace's names for the
-- validator, and scripts.

-- name: max-event-id
SELECT coalesce(max(id), 0) FROM events;

-- name: event-types-between
SELECT DISTINCT type FROM events WHERE id > ? AND id <= ?;

-- name: workspace-templates
SELECT id, name FROM templates;

-- name: workspace-lists
SELECT name, '' FROM lists;

-- name: workspace-segments
SELECT id, '' FROM segments;

-- name: workspace-scripts
SELECT name, '' FROM scripts;

-- name: workspace-fields
SELECT name, '' FROM field_defs;

-- name: get-script-source
SELECT source, kind FROM scripts WHERE name=?;

-- name: script-events-since
SELECT id, contact_id, type, props, at FROM events WHERE contact_id=? AND at>=?;

-- name: script-events-since-of-type
SELECT id, contact_id, type, props, at FROM events WHERE contact_id=? AND at>=? AND type=?;

-- name: unsubscribe-contact
UPDATE contacts SET unsubscribed=1 WHERE id=?;
