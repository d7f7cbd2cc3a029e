-- Contact import. The multi-row inserts are built in Go (their width
-- depends on the batch); these are the fixed statements.

-- name: import-update-contact
UPDATE contacts SET first_name=?, last_name=?, company=?, job_title=?, phone=?, country=?, city=?, timezone=?, language=?, birth_date=?, owner=?, fields=?, updated_at=? WHERE id=?;

-- name: max-contact-id
SELECT coalesce(max(id), 0) FROM contacts;

-- name: insert-import-event
INSERT INTO events(contact_id, type, props, at, received_at, processed, source) VALUES(?,?,?,?,?,0,'import');
