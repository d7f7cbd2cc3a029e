-- Renaming and deleting lists and tags, and deleting a contact with what
-- is theirs: what the command line's writes need beyond the window's.

-- name: rename-list
UPDATE lists SET name=? WHERE name=?;

-- name: delete-list
DELETE FROM lists WHERE name=?;

-- name: rename-tag-where-free
UPDATE contact_tags SET tag=? WHERE tag=? AND contact_id NOT IN (SELECT contact_id FROM contact_tags WHERE tag=?);

-- name: delete-tag
DELETE FROM contact_tags WHERE tag=?;

-- name: delete-contact
DELETE FROM contacts WHERE id=?;

-- name: delete-contact-events
DELETE FROM events WHERE contact_id=?;

-- name: delete-contact-scores
DELETE FROM score_history WHERE contact_id=?;

-- name: delete-contact-steps
DELETE FROM steps WHERE contact_id=?;

-- name: delete-contact-journeys
DELETE FROM enrollments WHERE contact_id=?;

-- name: delete-contact-outbox
DELETE FROM outbox WHERE contact_id=? AND status IN ('pending','failed');

-- name: delete-contact-segments
DELETE FROM segment_members WHERE contact_id=?;

-- name: count-list-members
SELECT count(*) FROM list_members WHERE list_id=?;

-- name: count-tag
SELECT count(*) FROM contact_tags WHERE tag=?;
