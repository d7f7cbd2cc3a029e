-- 003: who is in each segment that starts a flow, so "enters a segment"
-- fires once when a contact starts matching.
CREATE TABLE segment_members (
  segment TEXT NOT NULL,
  contact_id INTEGER NOT NULL,
  since INTEGER NOT NULL,
  PRIMARY KEY (segment, contact_id)
) WITHOUT ROWID;
