-- 003 (PostgreSQL): the twin of ../003_segment_members.sql.
CREATE TABLE segment_members (
  segment TEXT NOT NULL,
  contact_id BIGINT NOT NULL,
  since BIGINT NOT NULL,
  PRIMARY KEY (segment, contact_id)
);
