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
VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);

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
INSERT INTO events(contact_id, type, props, at, received_at, source) VALUES(?,?,?,?,?,?);
