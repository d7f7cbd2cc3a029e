-- 010: websites (issue #20). A site is an origin the workspace tracks with
-- the snippet; its key is public (it sits in the page) and can only send
-- website events. A visitor is the anonymous id the snippet keeps in the
-- site's first-party storage: nothing personal (no IP, no address) is kept
-- for it until it becomes a contact (contact_id set), when its events move
-- to the contact's history. Times are Unix milliseconds.
CREATE TABLE sites (
  id INTEGER PRIMARY KEY,
  origin TEXT NOT NULL UNIQUE,         -- scheme://host[:port], lower case
  name TEXT NOT NULL DEFAULT '',
  site_key TEXT NOT NULL UNIQUE,       -- public, in the snippet
  require_consent INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE visitors (
  id TEXT PRIMARY KEY,                 -- the snippet's random id
  site_id INTEGER NOT NULL,
  contact_id INTEGER,                  -- set once the visitor is known
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL
);
CREATE INDEX visitors_contact ON visitors(contact_id) WHERE contact_id IS NOT NULL;

-- What an anonymous visitor did, until it joins a contact's events.
-- AUTOINCREMENT: ids are never reused, since a joined event's id in the
-- contact's events is made from it (so a retried join stores it once).
CREATE TABLE visitor_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  visitor_id TEXT NOT NULL,
  type TEXT NOT NULL,
  props TEXT NOT NULL DEFAULT '{}',
  at INTEGER NOT NULL
);
CREATE INDEX visitor_events_visitor ON visitor_events(visitor_id, id);
