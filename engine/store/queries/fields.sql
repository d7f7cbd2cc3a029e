-- Custom fields, value maps (the aliases import clean-up turns into
-- values) and remembered import layouts.

-- name: define-field
INSERT INTO field_defs(name, type, label, options) VALUES(?,?,?,?)
ON CONFLICT(name) DO UPDATE SET type=excluded.type, label=excluded.label, options=excluded.options;

-- name: delete-field
DELETE FROM field_defs WHERE name=?;

-- name: list-fields
SELECT name, type, label, options FROM field_defs ORDER BY name;

-- name: list-value-maps
SELECT field, alias, value FROM value_maps;

-- name: value-map-of-field
SELECT alias, value FROM value_maps WHERE field=?;

-- name: set-value-alias
INSERT INTO value_maps(field, alias, value) VALUES(?,?,?)
ON CONFLICT(field, alias) DO UPDATE SET value=excluded.value;

-- name: reset-value-alias
DELETE FROM value_maps WHERE field=? AND alias=?;

-- name: get-import-layout
SELECT mapping FROM import_layouts WHERE hash=?;

-- name: save-import-layout
INSERT INTO import_layouts(hash, headers, mapping, used_at) VALUES(?,?,?,?)
ON CONFLICT(hash) DO UPDATE SET headers=excluded.headers, mapping=excluded.mapping, used_at=excluded.used_at;
