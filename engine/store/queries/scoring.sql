-- Lead scoring: the rules, and the rescore's batches.

-- name: list-scoring-rules
SELECT id, name, event, filters, points, enabled FROM scoring_rules ORDER BY position, id;

-- name: delete-scoring-rules
DELETE FROM scoring_rules;

-- name: insert-scoring-rule
INSERT INTO scoring_rules(id, position, name, event, filters, points, enabled, updated_at) VALUES(?,?,?,?,?,?,?,?);

-- name: rescore-contacts-after
SELECT id, score, temperature FROM contacts WHERE id > ? ORDER BY id LIMIT 1000;

-- name: set-contact-score
UPDATE contacts SET score=?, temperature=? WHERE id=?;

-- name: insert-score-history
INSERT INTO score_history(contact_id, delta, score, cause, at) VALUES(?,?,?,?,?);

-- name: scoring-stamp
-- What the runner compares to tell that the scoring rules or their
-- settings changed.
SELECT count(*), coalesce(max(updated_at),'') || (SELECT coalesce(group_concat(value),'') FROM settings WHERE key LIKE 'scor%') FROM scoring_rules;
