package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Events and the order they are read in.
//
// Events are written by the runner's batches (a tag, points, a journey's
// email queued), by delivery (each email sent, bounced or failed), by the
// intake and tracking (website events, opens, clicks, forms) and by the
// window (a contact edited by hand). Who reads them, and what order each
// needs:
//
//   - The runner's event handling (triggers that start journeys, a wait for
//     an event, goals and exits) reads every new event once, and a
//     contact's events in the order they were written: a journey waiting
//     for "opened" after "sent" must see them so. It never needs the
//     order between two contacts' events.
//   - Branch conditions on what a contact did, scoring rules, segments,
//     scripts (events.since), the contact's timeline and live numbers read
//     one contact's events, or counts, by contact, type and time (the
//     events_contact index): no order of writing at all.
//   - The simulation runs on its own copy in memory.
//   - The event-type catalogue (engine/refs.go) reads the types of the
//     events after the last one it read: it needs every event once, in
//     any order, and keeps a mark as the runner does.
//
// So the one reader that needs an order is the runner's, and only per
// contact; it and the catalogue need each new event exactly once. In a workspace file there is one writer at a time: ids follow
// commit order and the runner reads events in id order above a mark (the
// largest id handled). On PostgreSQL several engines write events at once.
// Until migration 015 every writer of events held one lock to its commit
// so that ids still followed commit order; engines whose steps record
// events then took turns (two engines made 0.99–1.18× one).
//
// Now each event row carries the id of the transaction that wrote it (xid,
// a column whose default is pg_current_xact_id()), and the runner reads
// events in (xid, id) order above a mark (xid, id), taking only events of
// transactions older than the oldest still running (pg_snapshot_xmin of
// the current snapshot, the horizon). Every transaction below the horizon
// has ended, and none can start below it, so no event can appear later
// under the mark: none is skipped, none read twice. A contact's events
// keep the order they were written in: within one transaction by id, and
// a transaction that began writing after another committed has a larger
// xid. Two transactions running at once that both write one contact's
// events are handled in the order they took their xids, which is not
// always the order they committed in; nothing reads one such event as the
// cause of the other (an open follows the email's send, which committed
// before the open was received).
// Writers take no lock; only one engine's batch at a time handles events
// (the runner's lockEvents, taken by readers alone), which costs little:
// handling an event mostly reads.
//
// Alternatives weighed: a lock per contact (pg_advisory_xact_lock on the
// contact) keeps commit order per contact but not the global id order the
// mark needs, so readers would also need a flag per event (an update per
// event, a partial index) and claims; a claimable queue of events is that
// flag plus a row lock per event. The xid mark writes nothing per event
// and moves one settings row per batch, as before. Its cost: an event
// waits until every transaction older than its own has ended — a batch's
// budget, 30 ms, in practice; a transaction left open on the server (any
// database of it) holds new events back until it ends.
//
// The mark is stored as text in settings.events_mark: "id" in a workspace
// file, "xid:id" on PostgreSQL (migration 015 turned the old id into
// "that migration's xid:id", the xid every older event got).

// EventsMark is where the runner is in the events: every event at or
// below (Xid, ID) is handled (Xid is 0 in a workspace file).
type EventsMark struct{ Xid, ID int64 }

// After reports whether m comes after o.
func (m EventsMark) After(o EventsMark) bool {
	return m.Xid > o.Xid || m.Xid == o.Xid && m.ID > o.ID
}

// ParseEventsMark reads a stored mark ("id", or "xid:id" on PostgreSQL).
// An empty text is the start.
func ParseEventsMark(s string) (EventsMark, error) {
	var m EventsMark
	if s == "" {
		return m, nil
	}
	xid, id, two := strings.Cut(s, ":")
	if !two {
		id, xid = xid, "0"
	}
	var err1, err2 error
	m.Xid, err1 = strconv.ParseInt(xid, 10, 64)
	m.ID, err2 = strconv.ParseInt(id, 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return EventsMark{}, fmt.Errorf("events mark %q: %w", s, err)
	}
	return m, nil
}

// String is the mark as stored in dialect d.
func (m EventsMark) String(d Dialect) string {
	if d == Postgres {
		return strconv.FormatInt(m.Xid, 10) + ":" + strconv.FormatInt(m.ID, 10)
	}
	return strconv.FormatInt(m.ID, 10)
}

// eventsMarkAsID is a workspace's mark as a plain id, for a copy into
// another workspace: every event at or below it is handled. On PostgreSQL
// it is the id below the first event left to handle, in (xid, id) order
// (an event handled above it, written by a transaction that started
// earlier, would be handled again in the copy: the copy is made with the
// engines stopped, when none is left), or the largest id.
func eventsMarkAsID(ctx context.Context, s *Store) (int64, bool, error) {
	var text string
	err := s.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'events_mark'`).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("events mark: %w", err)
	}
	m, err := ParseEventsMark(text)
	if err != nil || s.dialect != Postgres {
		return m.ID, true, err
	}
	var first sql.NullInt64
	err = s.QueryRowContext(ctx, `SELECT min(id) FROM events
		WHERE (xid, id) > (CAST(CAST(CAST(? AS BIGINT) AS TEXT) AS xid8), CAST(? AS BIGINT)) AND processed = 0`, m.Xid, m.ID).Scan(&first)
	if err != nil {
		return 0, false, fmt.Errorf("events mark: %w", err)
	}
	if first.Valid {
		return first.Int64 - 1, true, nil
	}
	var top int64
	if err := s.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM events`).Scan(&top); err != nil {
		return 0, false, fmt.Errorf("events mark: %w", err)
	}
	return top, true, nil
}

// setCopiedEventsMark writes, in a copy's transaction, the mark that says
// what id did in the source: on PostgreSQL with the copy's xid, which every
// copied event got.
func setCopiedEventsMark(ctx context.Context, tx *Tx, id int64) error {
	q := `UPDATE settings SET value = CAST(? AS TEXT) WHERE key = 'events_mark'`
	if tx.dialect == Postgres {
		q = `UPDATE settings SET value = CAST(pg_current_xact_id() AS TEXT) || ':' || CAST(CAST(? AS BIGINT) AS TEXT) WHERE key = 'events_mark'`
	}
	if _, err := tx.ExecContext(ctx, q, id); err != nil {
		return fmt.Errorf("events mark: %w", err)
	}
	return nil
}
