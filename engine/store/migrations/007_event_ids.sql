-- 007: the ids senders give their events, so a retried POST /events stores
-- its events once. Kept at least 7 days (the runner prunes older rows);
-- event_id is the stored event the id first came with.
CREATE TABLE event_ids (
  source TEXT NOT NULL,
  ext_id TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (source, ext_id)
) WITHOUT ROWID;
CREATE INDEX event_ids_received ON event_ids(received_at);
