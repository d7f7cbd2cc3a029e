-- 006 (PostgreSQL): the twin of ../006_enrollments_contact.sql.
DROP INDEX IF EXISTS enrollments_contact;
CREATE INDEX enrollments_contact ON enrollments(contact_id);
