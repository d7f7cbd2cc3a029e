-- Contacts, their lists and tags, and their events: the statements the
-- runner and the contacts package share.

-- name: get-contact
SELECT id, email, first_name, last_name, company, job_title, phone, country, city, timezone, language, birth_date, owner, fields, score, temperature, stage, unsubscribed, bounced, created_at
FROM contacts WHERE id=?;

-- name: contact-list-names
SELECT l.name FROM list_members m JOIN lists l ON l.id=m.list_id WHERE m.contact_id=? ORDER BY l.name;

-- name: contact-tag-names
SELECT tag FROM contact_tags WHERE contact_id=? ORDER BY tag;

-- name: contact-id-by-email
SELECT id FROM contacts WHERE email=?;

-- name: insert-contact
INSERT INTO contacts(email, first_name, last_name, company, job_title, phone, country, city, timezone, language, birth_date, owner, fields, score, temperature, stage, unsubscribed, bounced, created_at, updated_at)
VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id;

-- name: update-contact
UPDATE contacts SET email=?, first_name=?, last_name=?, company=?, job_title=?, phone=?, country=?, city=?, timezone=?, language=?, birth_date=?, owner=?,
	fields=?, score=?, temperature=?, stage=?, unsubscribed=?, bounced=?, updated_at=?
WHERE id=?;

-- name: add-list
INSERT INTO lists(name) VALUES(?) ON CONFLICT(name) DO NOTHING;

-- name: list-id-by-name
SELECT id FROM lists WHERE name=?;

-- name: add-list-member
INSERT INTO list_members(list_id, contact_id, joined_at) VALUES(?,?,?) ON CONFLICT DO NOTHING;

-- name: remove-list-member
DELETE FROM list_members WHERE contact_id=? AND list_id=(SELECT id FROM lists WHERE name=?);

-- name: add-contact-tag
INSERT INTO contact_tags(contact_id, tag, added_at) VALUES(?,?,?) ON CONFLICT DO NOTHING;

-- name: remove-contact-tag
DELETE FROM contact_tags WHERE contact_id=? AND tag=?;

-- name: insert-event
INSERT INTO events(contact_id, type, props, at, received_at, source) VALUES(?,?,?,?,?,?) RETURNING id;

-- name: insert-app-event
-- A change made in the app (a field edited, a stage set), unprocessed so
-- flows react to it.
INSERT INTO events(contact_id, type, props, at, received_at, processed, source) VALUES(?,?,?,?,?,0,'app');

-- name: insert-unprocessed-event
INSERT INTO events(contact_id, type, props, at, received_at, processed, source) VALUES(?,?,?,?,?,0,?);

-- name: contact-exists
SELECT id FROM contacts WHERE id=?;

-- name: contact-stage
SELECT stage FROM contacts WHERE id=?;

-- name: set-contact-stage
UPDATE contacts SET stage=?, updated_at=? WHERE id=?;

-- name: list-exists
SELECT 1 FROM lists WHERE name=?;

-- name: contact-timeline-events
SELECT id, contact_id, type, props, at FROM events WHERE contact_id=? AND type <> ? ORDER BY at DESC, id DESC LIMIT ?;

-- name: contact-timeline-steps
SELECT flow_id, node, port, reason, code, params, outcome, at, enrollment_id FROM steps WHERE contact_id=? ORDER BY at DESC, id DESC LIMIT ?;

-- name: contact-timeline-messages
SELECT kind, node, payload, status, attempts, last_error, created_at, coalesce(sent_at, 0) FROM outbox WHERE contact_id=? ORDER BY created_at DESC, id DESC LIMIT ?;

-- name: contact-timeline-scores
SELECT delta, score, cause, at FROM score_history WHERE contact_id=? ORDER BY at DESC, id DESC LIMIT ?;
