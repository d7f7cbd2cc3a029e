-- Segment membership and the time-based sweeps (segments, anniversaries);
-- the anniversary's contact lookup depends on the field and is built in Go.

-- name: is-segment-member
SELECT count(*) FROM segment_members WHERE segment=? AND contact_id=?;

-- name: add-segment-member
INSERT INTO segment_members(segment, contact_id, since) VALUES(?,?,?);

-- name: add-segment-member-if-absent
INSERT INTO segment_members(segment, contact_id, since) VALUES(?,?,?) ON CONFLICT DO NOTHING;

-- name: remove-segment-member
DELETE FROM segment_members WHERE segment=? AND contact_id=?;

-- name: segment-members
SELECT contact_id FROM segment_members WHERE segment=?;

-- name: count-settings-with-key
SELECT count(*) FROM settings WHERE key=?;

-- name: add-setting
-- Keeps the value already there.
INSERT INTO settings(key,value) VALUES(?,?) ON CONFLICT(key) DO NOTHING;
