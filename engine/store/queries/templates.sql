-- Email templates and the capture mailbox.

-- name: save-template
INSERT INTO templates(id,name,body,updated_at) VALUES(?,?,?,?)
ON CONFLICT(id) DO UPDATE SET name=excluded.name, body=excluded.body, updated_at=excluded.updated_at;

-- name: get-template
SELECT id, name, body, updated_at FROM templates WHERE id=?;

-- name: list-templates
SELECT id, name, body, updated_at FROM templates ORDER BY name COLLATE NOCASE;

-- name: delete-template
DELETE FROM templates WHERE id=?;

-- name: count-captured-with-message-id
SELECT count(*) FROM mailbox WHERE message_id=?;

-- name: insert-captured
INSERT INTO mailbox(mail_from, rcpt, subject, raw, received_at, message_id) VALUES(?,?,?,?,?,?);

-- name: list-captured
SELECT id, mail_from, rcpt, subject, received_at FROM mailbox ORDER BY id DESC LIMIT ?;

-- name: get-captured
SELECT id, mail_from, rcpt, subject, received_at, raw FROM mailbox WHERE id=?;
