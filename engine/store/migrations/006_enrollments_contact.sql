-- 006: journeys are found by contact through contact_id alone. With status
-- in the index, every step that parks, resumes or ends a journey moved its
-- index entry (about 3 µs of a wake-up's 8); a contact has only a few
-- journeys, so filtering them by status after the lookup costs nothing.
DROP INDEX IF EXISTS enrollments_contact;
CREATE INDEX enrollments_contact ON enrollments(contact_id);
