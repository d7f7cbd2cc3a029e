-- 007 (PostgreSQL): the twin of ../007_event_ids.sql.
CREATE TABLE event_ids (
  source TEXT NOT NULL,
  ext_id TEXT NOT NULL,
  event_id BIGINT NOT NULL,
  received_at BIGINT NOT NULL,
  PRIMARY KEY (source, ext_id)
);
CREATE INDEX event_ids_received ON event_ids(received_at);
