-- What a step's executor may ask of the workspace (runner/env.go), read in
-- the batch's transaction.
--
-- "CASE WHEN json_valid(props) THEN props END" gives SQLite's JSON
-- functions an event's properties, or NULL when the stored text is not JSON
-- they can read (nested deeper than 1,000, damaged): one bad row must not
-- make the query fail for every contact.

-- name: contact-events-of-type-since
SELECT id, contact_id, type, props, at FROM events WHERE contact_id=? AND type=? AND at>=?;

-- name: emails-sent-by-step
SELECT count(*) FROM outbox WHERE enrollment_id=? AND node=? AND kind='email' AND status NOT IN ('failed','bounced');

-- name: step-email-events
-- One event type (a click).
SELECT count(*) FROM events WHERE type IN (?)
AND json_extract(CASE WHEN json_valid(props) THEN props END,'$.enrollment_id')=? AND json_extract(CASE WHEN json_valid(props) THEN props END,'$.node')=?;

-- name: step-email-events-of-two-types
-- A click or an open (a click implies the email was opened).
SELECT count(*) FROM events WHERE type IN (?,?)
AND json_extract(CASE WHEN json_valid(props) THEN props END,'$.enrollment_id')=? AND json_extract(CASE WHEN json_valid(props) THEN props END,'$.node')=?;

-- name: recent-opens
SELECT at FROM events WHERE contact_id=? AND type=? ORDER BY at DESC LIMIT 200;
