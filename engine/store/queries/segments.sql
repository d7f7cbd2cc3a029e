-- Saved segments (the rules are compiled to SQL in Go).

-- name: segment-id-taken
SELECT 1 FROM segments WHERE id=?;

-- name: save-segment
INSERT INTO segments(id, name, rules, updated_at) VALUES(?,?,?,?)
ON CONFLICT(id) DO UPDATE SET name=excluded.name, rules=excluded.rules, updated_at=excluded.updated_at;

-- name: get-segment
-- By id, or else by name (case-insensitive).
SELECT id, name, rules, updated_at FROM segments WHERE id=?
UNION ALL SELECT id, name, rules, updated_at FROM segments WHERE name=? COLLATE NOCASE LIMIT 1;

-- name: list-segments
SELECT id, name, rules, updated_at FROM segments ORDER BY name COLLATE NOCASE, id;

-- name: delete-segment
DELETE FROM segments WHERE id=?;
