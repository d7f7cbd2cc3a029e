-- The workspace itself: what kind of file it is, its schema version and id,
-- and its settings.

-- name: count-tables
SELECT count(*) FROM sqlite_master WHERE type='table';

-- name: has-meta
SELECT count(*) FROM sqlite_master WHERE name='meta';

-- name: get-meta
SELECT value FROM meta WHERE key=?;

-- name: set-app-and-schema-version
INSERT INTO meta(key,value) VALUES('app',?),('schema_version',?)
ON CONFLICT(key) DO UPDATE SET value=excluded.value;

-- name: add-meta
-- Keeps the value already there (two engines racing to name a workspace
-- agree on the first).
INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO NOTHING;

-- name: all-settings
-- The settings registry (engine/settings) keeps what it knows of them.
SELECT key, value FROM settings;

-- name: get-setting
SELECT value FROM settings WHERE key=?;

-- name: set-setting
INSERT INTO settings(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value;

-- name: list-tables
-- What flightplan migrate copies.
SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name;
