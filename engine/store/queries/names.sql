-- The workspace's named things, for pickers.

-- name: names-lists
SELECT name FROM lists ORDER BY name COLLATE NOCASE;

-- name: names-tags
SELECT DISTINCT tag FROM contact_tags ORDER BY tag COLLATE NOCASE;

-- name: names-fields
SELECT name FROM field_defs ORDER BY name;

-- name: names-templates
SELECT id FROM templates ORDER BY id;

-- name: names-scripts
SELECT name FROM scripts ORDER BY name;

-- name: names-segments
SELECT id FROM segments ORDER BY id;

-- name: names-flows
SELECT id FROM flows ORDER BY id;
