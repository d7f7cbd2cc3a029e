-- 001: the first workspace schema. Times are Unix milliseconds.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '',
  company TEXT NOT NULL DEFAULT '', job_title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '', country TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT '',
  timezone TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '',
  birth_date TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT '',
  fields TEXT NOT NULL DEFAULT '{}',
  score REAL NOT NULL DEFAULT 0,
  temperature TEXT NOT NULL DEFAULT 'cold',
  stage TEXT NOT NULL DEFAULT 'subscriber',
  unsubscribed INTEGER NOT NULL DEFAULT 0,
  bounced INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX contacts_country ON contacts(country);
CREATE INDEX contacts_stage ON contacts(stage);

CREATE TABLE field_defs (name TEXT PRIMARY KEY, type TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', options TEXT NOT NULL DEFAULT '[]');

CREATE TABLE lists (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, description TEXT NOT NULL DEFAULT '');
CREATE TABLE list_members (
  list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (list_id, contact_id)
) WITHOUT ROWID;
CREATE INDEX list_members_contact ON list_members(contact_id);

CREATE TABLE contact_tags (
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  tag TEXT NOT NULL COLLATE NOCASE,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (contact_id, tag)
) WITHOUT ROWID;
CREATE INDEX contact_tags_tag ON contact_tags(tag);

CREATE TABLE segments (id TEXT PRIMARY KEY, name TEXT NOT NULL, rules TEXT NOT NULL, updated_at INTEGER NOT NULL);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  props TEXT NOT NULL DEFAULT '{}',
  at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  processed INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_contact ON events(contact_id, type, at);
CREATE INDEX events_pending ON events(id) WHERE processed = 0;

CREATE TABLE score_history (id INTEGER PRIMARY KEY, contact_id INTEGER NOT NULL, delta REAL NOT NULL, score REAL NOT NULL, cause TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX score_history_contact ON score_history(contact_id, at);

CREATE TABLE flows (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  draft TEXT NOT NULL,
  published_version INTEGER,
  enabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE flow_versions (
  flow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (flow_id, version)
);

CREATE TABLE enrollments (
  id INTEGER PRIMARY KEY,
  flow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  contact_id INTEGER NOT NULL,
  run INTEGER NOT NULL,
  node TEXT NOT NULL,
  status TEXT NOT NULL,           -- active | waiting | done | exited | error
  wake_at INTEGER,                -- waiting: when time runs out
  wait_event TEXT,                -- waiting: the awaited event type
  wait_filter TEXT,
  wait_start INTEGER,
  event_id INTEGER,               -- the event that enrolled or resumed it
  seq INTEGER NOT NULL DEFAULT 0, -- steps taken: part of side-effect idempotency keys
  entered_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX enrollments_wake ON enrollments(wake_at) WHERE status = 'waiting' AND wake_at IS NOT NULL;
CREATE INDEX enrollments_active ON enrollments(id) WHERE status = 'active';
CREATE INDEX enrollments_contact ON enrollments(contact_id, status);
CREATE INDEX enrollments_flow ON enrollments(flow_id, contact_id);

CREATE TABLE steps (
  id INTEGER PRIMARY KEY,
  enrollment_id INTEGER NOT NULL,
  flow_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  contact_id INTEGER NOT NULL,
  node TEXT NOT NULL,
  port TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT 'ok',  -- ok | wait | skipped | error | end
  at INTEGER NOT NULL
);
CREATE INDEX steps_enrollment ON steps(enrollment_id);
CREATE INDEX steps_flow ON steps(flow_id, node, port);

CREATE TABLE templates (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE scripts (name TEXT PRIMARY KEY, kind TEXT NOT NULL, source TEXT NOT NULL, updated_at INTEGER NOT NULL);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,       -- idempotency key: enrollment/node/run
  kind TEXT NOT NULL,             -- email | notify | webhook
  contact_id INTEGER NOT NULL,
  enrollment_id INTEGER NOT NULL,
  node TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending', -- pending | sending | sent | failed | bounced
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox(next_at) WHERE status = 'pending';
CREATE INDEX outbox_enrollment ON outbox(enrollment_id, node);

CREATE TABLE mailbox (
  id INTEGER PRIMARY KEY,
  mail_from TEXT NOT NULL,
  rcpt TEXT NOT NULL,
  subject TEXT NOT NULL,
  raw BLOB NOT NULL,
  received_at INTEGER NOT NULL,
  message_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mailbox_message_id ON mailbox(message_id);
