-- Sign-up forms (engine/forms).

-- name: save-form
INSERT INTO forms(key, name, body, updated_at) VALUES(?,?,?,?)
ON CONFLICT(key) DO UPDATE SET name=excluded.name, body=excluded.body, updated_at=excluded.updated_at;

-- name: get-form
SELECT key, body, submissions, spam FROM forms WHERE key=?;

-- name: list-forms
SELECT key, body, submissions, spam FROM forms ORDER BY lower(name), key;

-- name: form-key-by-name
SELECT key FROM forms WHERE lower(name)=lower(?);

-- name: delete-form
DELETE FROM forms WHERE key=?;

-- name: count-form-submission
UPDATE forms SET submissions = submissions + 1 WHERE key=?;

-- name: count-form-spam
UPDATE forms SET spam = spam + 1 WHERE key=?;
