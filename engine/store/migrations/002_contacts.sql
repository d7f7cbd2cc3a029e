-- 002: the contact base (package engine/contacts): lead-scoring rules,
-- remembered CSV layouts, clean-up value maps, and the indexes that keep the
-- contact table, segment counts and per-contact timelines fast at 100,000
-- contacts. Times are Unix milliseconds.

-- Declarative lead-scoring rules, applied in position order.
CREATE TABLE scoring_rules (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  event TEXT NOT NULL,                 -- event type the rule reacts to
  filters TEXT NOT NULL DEFAULT '[]',  -- JSON [{key, op, value}]
  points REAL NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL
);

-- Column mappings remembered per CSV layout (hash of the header row).
CREATE TABLE import_layouts (
  hash TEXT PRIMARY KEY,
  headers TEXT NOT NULL,   -- JSON array, for display
  mapping TEXT NOT NULL,   -- JSON {header: field}; "" = ignored
  used_at INTEGER NOT NULL
);

-- User edits of the clean-up value maps. alias is the folded key (lower
-- case, no accents, letters and digits only); value '' disables a built-in
-- alias.
CREATE TABLE value_maps (
  field TEXT NOT NULL,
  alias TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (field, alias)
) WITHOUT ROWID;

-- Contact table: sorted pages and filters of the virtualised list.
CREATE INDEX contacts_score ON contacts(score);
CREATE INDEX contacts_created ON contacts(created_at);
CREATE INDEX contacts_last_name ON contacts(last_name COLLATE NOCASE);

-- Timeline: a contact's journal steps and messages.
CREATE INDEX steps_contact ON steps(contact_id, at);
CREATE INDEX outbox_contact ON outbox(contact_id);
