-- The window's reads, PostgreSQL variants (see ../window.sql).

-- name: contact-id-by-email-any-case
-- email is citext: equality ignores case.
SELECT id FROM contacts WHERE email = ?;
