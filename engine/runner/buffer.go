package runner

import (
	"encoding/json"
	"fmt"
	"strings"

	"flightplan/engine/store"
)

// rowBuffer collects rows for one table and writes them in multi-row
// INSERTs: a statement per hundred rows instead of one per row. Reads that
// could see these rows (event counts, outbox checks, segments) flush first,
// so buffering never changes what a step sees.
type rowBuffer struct {
	head   string // INSERT INTO t(cols) VALUES
	tail   string // ON CONFLICT… or ""
	cols   int
	tuple  string
	values []any
	full   string   // the statement for rowsPerStmt rows, built once
	w      *writeTx // when set, each full statement is handed to it at once
}

// rowsPerStmt rows go in one statement (SQLite allows 32,766 variables).
const rowsPerStmt = 100

func newRowBuffer(table string, cols []string, tail string) *rowBuffer {
	return &rowBuffer{
		head:  "INSERT INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES ",
		tail:  tail,
		cols:  len(cols),
		tuple: "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + "),",
	}
}

func (rb *rowBuffer) add(vals ...any) {
	if len(vals) != rb.cols {
		panic(fmt.Sprintf("rowBuffer: %d values for %d columns", len(vals), rb.cols))
	}
	rb.values = append(rb.values, vals...)
	if rb.w != nil && len(rb.values) == rowsPerStmt*rb.cols {
		rb.w.submit(rb.statement(rowsPerStmt), rb.values)
		rb.values = make([]any, 0, rowsPerStmt*rb.cols)
	}
}

// statement is the INSERT for n rows.
func (rb *rowBuffer) statement(n int) string {
	if n == rowsPerStmt && rb.full != "" {
		return rb.full
	}
	tuples := strings.Repeat(rb.tuple, n)
	q := rb.head + tuples[:len(tuples)-1] + " " + rb.tail
	if n == rowsPerStmt {
		// The same text in every batch: worth preparing (PostgreSQL).
		rb.full = store.Repeated(q)
	}
	return q
}

// flushBuffer hands every buffered row to the writer. The rows are written
// before the transaction's next statement; errors come back from it.
func (b *batch) flushBuffer(rb *rowBuffer) error {
	for len(rb.values) > 0 {
		n := min(len(rb.values)/rb.cols, rowsPerStmt)
		b.tx.submit(rb.statement(n), rb.values[:n*rb.cols:n*rb.cols])
		rb.values = rb.values[n*rb.cols:]
	}
	rb.values = nil
	return nil
}

// flush writes every buffered row (journal, events, score history, outbox).
func (b *batch) flush() error { return b.flushRows(true) }

// flushRows writes the buffered rows, the events only when told: the
// batch's commit writes them last on PostgreSQL (see initBuffers).
func (b *batch) flushRows(events bool) error {
	if err := b.flushEnrollments(); err != nil {
		return err
	}
	for _, rb := range []*rowBuffer{b.tags, b.events, b.scores, b.outbox, b.journalRows} {
		if rb == b.events && !events {
			continue
		}
		if err := b.flushBuffer(rb); err != nil {
			return err
		}
	}
	return nil
}

func (b *batch) initBuffers() {
	b.tags = newRowBuffer("contact_tags", []string{"contact_id", "tag", "added_at"}, "ON CONFLICT DO NOTHING")
	b.events = newRowBuffer("events", []string{"contact_id", "type", "props", "at", "received_at", "source"}, "")
	b.scores = newRowBuffer("score_history", []string{"contact_id", "delta", "score", "cause", "at"}, "")
	b.outbox = newRowBuffer("outbox", []string{"key", "kind", "contact_id", "enrollment_id", "node", "payload", "next_at", "created_at"}, "ON CONFLICT(key) DO NOTHING")
	b.journalRows = newRowBuffer("steps", []string{"enrollment_id", "flow_id", "version", "contact_id", "node", "port", "code", "params", "outcome", "at"}, "")
	for _, rb := range []*rowBuffer{b.tags, b.events, b.scores, b.outbox, b.journalRows} {
		rb.w = b.tx
	}
	// On PostgreSQL the events are held back and written at the end of
	// the commit, unless a read needs them sooner (b.flush): until
	// migration 015 the first event written took a lock every engine's
	// events waited for (with them handed over as they filled, two
	// engines waking journeys whose steps record events ran one batch at a
	// time, 0.86× one engine). Writing them last still keeps the rows
	// another engine's batch waits for held the shortest time.
	if store.DialectOf(b.tx) == store.Postgres {
		b.events.w = nil
	}
	// Journeys are buffered by id (a journey saved twice is written once)
	// and put in this buffer when flushed.
	b.enrRows = newRowBuffer("enrollments", []string{"id", "flow_id", "version", "contact_id", "run", "node", "status", "wake_at", "wait_event", "wait_filter", "wait_start", "event_id", "entered_at", "updated_at", "seq", "error"},
		`ON CONFLICT(id) DO UPDATE SET node=excluded.node, status=excluded.status, wake_at=excluded.wake_at, wait_event=excluded.wait_event,
		wait_filter=excluded.wait_filter, wait_start=excluded.wait_start, event_id=excluded.event_id, updated_at=excluded.updated_at, seq=excluded.seq, error=excluded.error, version=excluded.version`)
}

// bufferEvent queues an event caused by a step.
func (b *batch) bufferEvent(contactID int64, typ string, props map[string]any) error {
	p := "{}"
	if len(props) > 0 {
		raw, err := json.Marshal(props)
		if err != nil {
			return fmt.Errorf("event %s: properties: %w", typ, err)
		}
		p = string(raw)
	}
	b.events.add(contactID, typ, p, store.MS(b.now), store.MS(b.now), "engine")
	return nil
}
