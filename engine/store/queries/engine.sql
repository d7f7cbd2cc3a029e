-- The engine's own reads: event types seen, the workspace's names for the
-- validator, and scripts.

-- name: event-types-between
-- The types of the events after one mark up to another (xid, id each: the
-- runner's order, see store/events.go; here the ids').
SELECT DISTINCT type FROM events WHERE ?1>=0 AND id > ?2 AND ?3>=0 AND id <= ?4;

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
