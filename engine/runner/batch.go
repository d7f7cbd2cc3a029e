package runner

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/journey"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
	"flightplan/engine/words"
)

// batch is one write transaction: everything it does commits together.
type batch struct {
	r        *Runner
	ctx      context.Context
	tx       *writeTx
	now      time.Time
	contacts map[int64]*contact.Contact
	// dirty contacts are written whole at commit; scoreDirty ones whose only
	// change is their score get a narrow update (no JSON, no index touched).
	dirty, scoreDirty map[int64]bool
	rules             journey.Rules
	stats             Stats
	depth             int // go-to-flow nesting within this batch
	locs              map[string]*time.Location
	nextNode          string // where the port Next was asked about leads
	// Buffered rows, written in multi-row inserts (see rowBuffer).
	tags, events, scores, outbox, journalRows, enrRows *rowBuffer
	// Journeys to write, by id, in first-touched order.
	enrPending map[int64][]any
	enrOrder   []int64
	// nextEnrollment is the id the next new journey gets.
	nextEnrollment int64
	// tallies are the re-entry counts per flow and contact, read once per
	// batch and kept up to date by save, so enrolling does not flush the
	// buffered journeys and query for every contact. touched names the keys
	// whose rows in the database may be stale (buffered or in-flight
	// journeys): their tally is read after a flush.
	tallies map[enrKey]*enrTally
	touched map[enrKey]bool
	// Running totals of the journal, added to step_counts and node_visits
	// at commit (a handful of rows per batch).
	stepCounts map[stepKey]int64
	visits     map[stepKey]int64
	// start is when the batch took the write lock and waits how many times
	// a writer of this program had waited for it then (see holdBudget).
	start time.Time
	waits int64
	// holdsEvents: the batch handles a PostgreSQL workspace's events, one
	// engine at a time (see overBudget).
	holdsEvents bool
	// replay is the parked step being taken up again, with its script's
	// answer; call is the script call of the step being parked; parks are
	// the journeys this batch parked (see park.go).
	replay         *parkedStep
	replayArmed    bool // the next step is the journey's first (see advance)
	call           *scriptCall
	parks          []*parkedStep
	parkedContacts map[int64]bool
	// openOf are the open journeys of the contacts whose events this
	// batch is about to handle, read for a chunk of events at once (see
	// prefetchOpen), until one of the contact's journeys is saved.
	openOf map[int64][]*enrollment
}

type stepKey struct{ flow, node, port, outcome string }

type enrKey struct {
	flow    string
	contact int64
}

// enrTally is what the re-entry rule needs: journeys so far, how many are
// still open, and when the last one started (Unix ms).
type enrTally struct {
	runs, open int
	last       int64
}

func (r *Runner) begin(ctx context.Context) (*batch, error) {
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return nil, err
	}
	b := &batch{r: r, ctx: ctx, tx: newWriteTx(ctx, tx), now: r.clk.Now(), start: holdClock(), waits: r.st.WriterWaits(), contacts: map[int64]*contact.Contact{}, dirty: map[int64]bool{}, scoreDirty: map[int64]bool{}}
	b.initBuffers()
	b.enrPending = map[int64][]any{}
	b.tallies, b.touched = map[enrKey]*enrTally{}, map[enrKey]bool{}
	b.stepCounts, b.visits = map[stepKey]int64{}, map[stepKey]int64{}
	b.rules, err = journey.Load(ctx, store.With(b.tx))
	if err != nil {
		b.rollback()
		return nil, err
	}
	return b, nil
}

func (b *batch) rollback() { _ = b.tx.Rollback() }

func (b *batch) commit() error {
	if err := b.segmentChanges(); err != nil {
		b.rollback()
		return fmt.Errorf("segments: %w", err)
	}
	// On PostgreSQL the events go last but for the contacts and the
	// running totals: rows other engines' batches may wait for are held
	// from their write to the commit only.
	pg := store.DialectOf(b.tx) == store.Postgres
	if err := b.flushRows(!pg); err != nil {
		b.rollback()
		return fmt.Errorf("journal: %w", err)
	}
	if pg {
		if err := b.flushBuffer(b.events); err != nil {
			b.rollback()
			return fmt.Errorf("events: %w", err)
		}
	}
	if len(b.dirty) > 0 {
		rb := newRowBuffer("contacts", store.ContactColumns(), store.ContactUpsertTail())
		// In id order: engines sharing a PostgreSQL workspace then lock
		// the contacts they both write in the same order (no deadlock
		// between their batches on these rows).
		for _, id := range sortedIDs(b.dirty) {
			row, err := store.ContactRow(b.contacts[id], b.now)
			if err != nil {
				b.rollback()
				return fmt.Errorf("contact %d: %w", id, err)
			}
			rb.add(row...)
		}
		if err := b.flushBuffer(rb); err != nil {
			b.rollback()
			return fmt.Errorf("contacts: %w", err)
		}
	}
	if len(b.scoreDirty) > 0 {
		// The casts type the VALUES columns for PostgreSQL, whose
		// parameters arrive untyped; in SQLite they change nothing.
		rb := &rowBuffer{head: "UPDATE contacts SET score=CAST(v.column2 AS DOUBLE PRECISION), temperature=v.column3, updated_at=CAST(v.column4 AS BIGINT) FROM (VALUES ",
			tail: ") AS v WHERE contacts.id=CAST(v.column1 AS BIGINT)", cols: 4, tuple: "(?,?,?,?),"}
		for _, id := range sortedIDs(b.scoreDirty) {
			if c := b.contacts[id]; !b.dirty[id] {
				rb.add(id, c.Score, c.Temperature, store.MS(b.now))
			}
		}
		if err := b.flushBuffer(rb); err != nil {
			b.rollback()
			return fmt.Errorf("contact scores: %w", err)
		}
	}
	// The running totals last: their few rows are the same for every
	// batch of a funnel, so another engine's batch waits for them until
	// this one commits (with them before the events, engines queued on
	// them while holding the events' turn: 4 engines waited 1.6
	// connections on average).
	if err := b.flushCounts(); err != nil {
		b.rollback()
		return fmt.Errorf("journal counts: %w", err)
	}
	if err := b.tx.Commit(); err != nil {
		return err
	}
	b.handParks()
	return nil
}

// prefetch loads the batch's contacts at once.
func (b *batch) prefetch(ids []int64) error {
	var missing []int64
	for _, id := range ids {
		if b.contacts[id] == nil {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	got, err := store.LoadContacts(b.ctx, b.tx, missing)
	if err != nil {
		return err
	}
	for id, c := range got {
		b.contacts[id] = c
	}
	return nil
}

func (b *batch) contact(id int64) (*contact.Contact, error) {
	if c := b.contacts[id]; c != nil {
		return c, nil
	}
	c, err := store.LoadContact(b.ctx, b.tx, id)
	if err != nil {
		return nil, err
	}
	b.contacts[id] = c
	return c, nil
}

// enrollment is one contact's journey through one flow version: the
// state the journey rules read and change, where it is and how it is stored.
type enrollment struct {
	journey.State
	FlowID    string
	Version   int
	ContactID int64
	Node      string
	fresh     bool // has an id but no row yet
	open      bool // counted as open (active or waiting) in its tally
}

const enrCols = `id, flow_id, version, contact_id, run, node, status, coalesce(wake_at,0), coalesce(wait_event,''), coalesce(wait_filter,''), coalesce(wait_start,0), coalesce(event_id,0), entered_at, seq`

func scanEnrollment(sc interface{ Scan(...any) error }) (*enrollment, error) {
	e := &enrollment{}
	var filter, status string
	if err := sc.Scan(&e.ID, &e.FlowID, &e.Version, &e.ContactID, &e.Run, &e.Node, &status, &e.WakeAt, &e.WaitEvent, &filter, &e.WaitStart, &e.EventID, &e.EnteredAt, &e.Seq); err != nil {
		return nil, err
	}
	var err error
	if e.Status, err = journey.ParseStatus(status); err != nil {
		return nil, fmt.Errorf("journey %d: %w", e.ID, err)
	}
	e.open = e.Status.Open()
	if filter != "" {
		_ = json.Unmarshal([]byte(filter), &e.WaitFilter)
	}
	return e, nil
}

func (b *batch) queryEnrollments(query string, args ...any) ([]*enrollment, error) {
	if err := b.flushEnrollments(); err != nil {
		return nil, err
	}
	rows, err := b.tx.QueryContext(b.ctx, `SELECT `+enrCols+` FROM enrollments WHERE `+query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*enrollment
	for rows.Next() {
		e, err := scanEnrollment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (b *batch) save(e *enrollment) error {
	var wake, start any
	if e.WakeAt != 0 {
		wake = e.WakeAt
	}
	if e.WaitStart != 0 {
		start = e.WaitStart
	}
	var we, wf any
	if e.WaitEvent != "" {
		we = e.WaitEvent
		if len(e.WaitFilter) > 0 {
			j, _ := json.Marshal(e.WaitFilter)
			wf = string(j)
		}
	}
	delete(b.openOf, e.ContactID)
	k := enrKey{e.FlowID, e.ContactID}
	b.touched[k] = true
	t := b.tallies[k]
	open := e.Status.Open()
	if e.ID == 0 {
		if t != nil {
			t.runs++
			t.last = max(t.last, e.EnteredAt)
		}
		if t != nil && open {
			t.open++
		}
		e.open = open
		// A new journey gets its id now (one writer: max+1 is safe) and is
		// written once, when it parks or ends, instead of insert + update.
		if b.nextEnrollment == 0 {
			// Several engines on PostgreSQL: one batch at a time makes
			// journeys, until it commits.
			if err := b.claim(lockEnrollmentIDs); err != nil {
				return err
			}
			if err := store.With(b.tx).QueryRow(b.ctx, "next-enrollment-id").Scan(&b.nextEnrollment); err != nil {
				return err
			}
		}
		e.ID, e.fresh = b.nextEnrollment, true
		b.nextEnrollment++
		return nil
	}
	if t != nil && open != e.open {
		if open {
			t.open++
		} else {
			t.open--
		}
	}
	e.open = open
	// The journey's whole row is buffered and written at the next flush as
	// one upsert among many (new rows and updates alike).
	e.fresh = false
	if _, seen := b.enrPending[e.ID]; !seen {
		b.enrOrder = append(b.enrOrder, e.ID)
	}
	b.enrPending[e.ID] = []any{e.ID, e.FlowID, int64(e.Version), e.ContactID, int64(e.Run), e.Node, e.Status.String(), wake, we, wf, start, e.EventID, e.EnteredAt, store.MS(b.now), int64(e.Seq), e.Error}
	// Hand full statements to the writer as they fill, so journeys are
	// written while the batch goes on, not all at commit. A journey saved
	// again later in the batch is simply written again.
	if len(b.enrOrder) >= rowsPerStmt {
		return b.flushEnrollments()
	}
	return nil
}

// flushEnrollments writes the buffered journeys.
func (b *batch) flushEnrollments() error {
	if len(b.enrOrder) == 0 {
		return nil
	}
	rb := b.enrRows
	for _, id := range b.enrOrder {
		rb.add(b.enrPending[id]...)
	}
	b.enrOrder = b.enrOrder[:0]
	clear(b.enrPending)
	return b.flushBuffer(rb)
}

// flushCounts adds the batch's journal totals to the running ones.
func (b *batch) flushCounts() error {
	if len(b.stepCounts) > 0 {
		rb := newRowBuffer("step_counts", []string{"flow_id", "node", "port", "outcome", "n"}, "ON CONFLICT(flow_id, node, port, outcome) DO UPDATE SET n = step_counts.n + excluded.n")
		// In key order: two engines' batches then lock the rows they
		// share in the same order (in map order they could deadlock).
		for _, k := range sortedKeys(b.stepCounts) {
			rb.add(k.flow, k.node, k.port, k.outcome, b.stepCounts[k])
		}
		if err := b.flushBuffer(rb); err != nil {
			return err
		}
	}
	if len(b.visits) > 0 {
		rb := newRowBuffer("node_visits", []string{"flow_id", "node", "n"}, "ON CONFLICT(flow_id, node) DO UPDATE SET n = node_visits.n + excluded.n")
		for _, k := range sortedKeys(b.visits) {
			rb.add(k.flow, k.node, b.visits[k])
		}
		if err := b.flushBuffer(rb); err != nil {
			return err
		}
	}
	return nil
}

// sortedKeys returns a tally's keys in order.
func sortedKeys(m map[stepKey]int64) []stepKey {
	keys := make([]stepKey, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b stepKey) int {
		return cmp.Or(strings.Compare(a.flow, b.flow), strings.Compare(a.node, b.node), strings.Compare(a.port, b.port), strings.Compare(a.outcome, b.outcome))
	})
	return keys
}

// journal writes one step.
func (b *batch) journal(e *enrollment, node, port string, reason words.Reason, outcome string) error {
	if outcome == journey.OutError {
		b.stats.Errors++
	}
	e.Seq++
	b.stepCounts[stepKey{e.FlowID, node, port, outcome}]++
	if !e.Resumed && outcome != journey.OutJump && outcome != journey.OutExit {
		b.visits[stepKey{flow: e.FlowID, node: node}]++
	}
	e.Resumed = false
	b.journalRows.add(e.ID, e.FlowID, int64(e.Version), e.ContactID, node, port, string(reason.Code), reason.ParamsJSON(), outcome, store.MS(b.now))
	b.stats.Steps++
	return nil
}

// processEvents handles one batch of pending events in arrival order.
func (r *Runner) processEvents(ctx context.Context) (Stats, error) {
	b, err := r.begin(ctx)
	if err != nil {
		return Stats{}, err
	}
	// Events are taken in order above a high-water mark, not by a flag on
	// each row: nothing is written per event to mark it done. Rows stored as
	// already processed (a quiet import) are passed over. In a workspace
	// file the order is the ids'; on PostgreSQL, where several engines
	// write events at once without a lock, it is (writing transaction,
	// id), up to the oldest transaction still running (store/events.go).
	// There one batch at a time handles events: the others wait for its
	// commit, then read its mark.
	pg := store.DialectOf(b.tx) == store.Postgres
	if pg && r.eventsPassed.Load() < maxEventsPassed {
		// Another engine holding the events lock (lockEvents, taken by the
		// batches that handle events, never by writers) is handling them:
		// queueing behind it would only hold this engine's connection.
		// This engine passes, a few rounds at most in a row.
		var got int
		if err := store.With(b.tx).QueryRow(ctx, "try-claim-lock", int64(lockEvents)).Scan(&got); err != nil {
			b.rollback()
			return Stats{}, err
		}
		if got == 0 {
			r.eventsPassed.Add(1)
			b.rollback()
			return Stats{}, nil
		}
	} else if err := b.claim(lockEvents); err != nil {
		b.rollback()
		return Stats{}, err
	}
	r.eventsPassed.Store(0)
	b.holdsEvents = pg
	var mark store.EventsMark
	var markText string
	if err := store.With(b.tx).QueryRow(ctx, "events-mark").Scan(&markText); err == nil {
		if mark, err = store.ParseEventsMark(markText); err != nil {
			b.rollback()
			return Stats{}, err
		}
	}
	// The horizon is read once: the events below it are all visible to
	// every later statement of the batch, and no new one can join them.
	var horizon int64
	if err := store.With(b.tx).QueryRow(ctx, "events-horizon").Scan(&horizon); err != nil {
		b.rollback()
		return Stats{}, err
	}
	rows, err := store.With(b.tx).Query(ctx, "unprocessed-events-after", mark.Xid, mark.ID, horizon, r.opts.BatchSize)
	if err != nil {
		b.rollback()
		return Stats{}, err
	}
	var evs []*contact.Event
	var at []store.EventsMark
	for rows.Next() {
		var xid int64
		ev, err := store.ScanEvent(prefixScanner{rows, &xid})
		if err != nil {
			rows.Close()
			b.rollback()
			return Stats{}, err
		}
		evs = append(evs, ev)
		at = append(at, store.EventsMark{Xid: xid, ID: ev.ID})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		b.rollback()
		return Stats{}, err
	}
	if len(evs) == 0 {
		// Events committed by a transaction younger than one still running
		// wait for it to end (PostgreSQL): RunOnce waits a little for them
		// rather than report nothing left to do.
		if pg {
			var held int
			if err := store.With(b.tx).QueryRow(ctx, "events-held", mark.Xid, mark.ID, horizon).Scan(&held); err != nil {
				b.rollback()
				return Stats{}, err
			}
			b.stats.held = held > 0
		}
		// Move the mark over any quiet rows so they are not scanned again.
		var top store.EventsMark
		if err := store.With(b.tx).QueryRow(ctx, "last-event-below", horizon).Scan(&top.Xid, &top.ID); err != nil || !top.After(mark) {
			b.rollback()
			if errors.Is(err, sql.ErrNoRows) {
				err = nil
			}
			return b.stats, err
		}
		if err := setMark(b, top); err != nil {
			b.rollback()
			return Stats{}, err
		}
		return b.stats, b.tx.Commit()
	}
	ids := make([]int64, len(evs))
	for i, ev := range evs {
		ids[i] = ev.ContactID
	}
	// The budget counts from here: reading the events is not handling
	// them. Counted from the batch's start, on a busy machine the reads
	// alone could outlast the 30 ms of a PostgreSQL batch of events, which
	// then handled one event each (reading a thousand events, and the
	// contacts and journeys of a hundred, for it): 300–500 events/s where
	// the same reads raw made 17,000–31,000.
	b.start = holdClock()
	for i, ev := range evs {
		// Past the budget, the events left wait for the next batch (the
		// mark below stops at the last event handled).
		// An event of a contact whose journey this batch parked waits for
		// the journey to go past its script step, as it would have if the
		// script ran here: events of a contact are handled in order.
		if i > 0 && (b.overBudget() || b.parkedContacts[ev.ContactID]) {
			evs = evs[:i]
			break
		}
		// Contacts are read a chunk at a time, so a batch cut short by the
		// budget has not read the contacts of events it leaves.
		if i%feedChunk == 0 {
			chunk := ids[i:min(i+feedChunk, len(ids))]
			if err := b.prefetch(chunk); err != nil {
				b.rollback()
				return Stats{}, err
			}
			if err := b.prefetchOpen(chunk); err != nil {
				b.rollback()
				return Stats{}, err
			}
		}
		if err := b.handleEvent(ev); err != nil {
			b.rollback()
			return Stats{}, fmt.Errorf("event %d (%s): %w", ev.ID, ev.Type, err)
		}
		b.stats.Events++
	}
	// Events emitted by this batch's steps come after the mark (a higher
	// id; on PostgreSQL this transaction's xid, above the horizon) and stay
	// pending.
	if err := setMark(b, at[len(evs)-1]); err != nil {
		b.rollback()
		return Stats{}, err
	}
	return b.stats, b.commit()
}

func setMark(b *batch, m store.EventsMark) error {
	_, err := store.With(b.tx).Exec(b.ctx, "set-events-mark", m.String(store.DialectOf(b.tx)))
	return err
}

// prefixScanner scans a row whose first column (an event's xid) comes
// before the ones ScanEvent reads.
type prefixScanner struct {
	sc    interface{ Scan(...any) error }
	first *int64
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.sc.Scan(append([]any{p.first}, dest...)...)
}

// handleEvent applies the journey rules to one event of a contact.
func (b *batch) handleEvent(ev *contact.Event) error {
	c, err := b.contact(ev.ContactID)
	if err != nil {
		return err
	}
	return journey.HandleEvent[*enrollment, *compiled](b, c, ev)
}

// enroll starts a journey at trigger number t of fl, if the re-entry rule allows it.
func (b *batch) enroll(fl *compiled, t int, contactID int64, ev *contact.Event) (bool, error) {
	c, err := b.contact(contactID)
	if err != nil {
		return false, err
	}
	return journey.Enroll[*enrollment, *compiled](b, fl, t, c, ev)
}

// tally returns the re-entry counts of a flow and contact.
func (b *batch) tally(flowID string, contactID int64) (*enrTally, error) {
	k := enrKey{flowID, contactID}
	if t := b.tallies[k]; t != nil {
		return t, nil
	}
	if b.touched[k] {
		if err := b.flushEnrollments(); err != nil {
			return nil, err
		}
	}
	t := &enrTally{}
	err := store.With(b.tx).QueryRow(b.ctx, "journey-tally", flowID, contactID).Scan(&t.runs, &t.open, &t.last)
	if err != nil {
		return nil, err
	}
	b.tallies[k] = t
	return t, nil
}

// prefetchTallies reads the re-entry counts of many contacts in one flow at
// once (manual enrollment of a whole selection).
func (b *batch) prefetchTallies(flowID string, contactIDs []int64) error {
	var ids []string
	for _, id := range contactIDs {
		k := enrKey{flowID, id}
		if b.tallies[k] == nil && !b.touched[k] {
			b.tallies[k] = &enrTally{}
			ids = append(ids, itoa(id))
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := b.tx.QueryContext(b.ctx, `SELECT contact_id, count(*), coalesce(sum(CASE WHEN status IN ('waiting','active') THEN 1 ELSE 0 END),0), coalesce(max(entered_at),0)
		FROM enrollments WHERE flow_id=? AND contact_id IN (`+strings.Join(ids, ",")+`) GROUP BY contact_id`, flowID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t enrTally
		if err := rows.Scan(&id, &t.runs, &t.open, &t.last); err != nil {
			return err
		}
		*b.tallies[enrKey{flowID, id}] = t
	}
	return rows.Err()
}

// advance runs a journey from its node until it waits or ends. A parked
// step being taken up again (b.replay) gets its script's answer on the
// journey's first step only.
func (b *batch) advance(fl *compiled, e *enrollment, c *contact.Contact, ev *contact.Event, resume *nodes.Resume) error {
	b.replayArmed = true
	return journey.Advance[*enrollment, *compiled](b, fl, e, c, ev, resume)
}

// processDue resumes enrollments whose wait has run out.
func (r *Runner) processDue(ctx context.Context) (Stats, error) {
	b, err := r.begin(ctx)
	if err != nil {
		return Stats{}, err
	}
	// On PostgreSQL several engines may share the workspace: each batch
	// claims its due journeys, locked until it commits, and passes over
	// those another engine's batch holds (SQLite has one writer).
	claim := ""
	if store.DialectOf(b.tx) == store.Postgres {
		claim = " FOR UPDATE SKIP LOCKED"
	}
	due, err := b.queryEnrollments(`status='waiting' AND wake_at IS NOT NULL AND wake_at<=? ORDER BY wake_at, id LIMIT ?`+claim, store.MS(b.now), r.dueLimit())
	if err != nil {
		b.rollback()
		return Stats{}, err
	}
	if len(due) == 0 {
		b.rollback()
		return Stats{}, nil
	}
	ids := make([]int64, len(due))
	for i, e := range due {
		ids[i] = e.ContactID
	}
	feed := b.feedContacts(ids)
	defer feed.stop()
	for i, e := range due {
		if i > 0 && b.overBudget() {
			r.dueDone(i, true)
			break // the rest are still due: the next batch takes them
		}
		if b.parkedContacts[e.ContactID] {
			break // as for events: after the contact's parked journey
		}
		if err := feed.upto(b, i); err != nil {
			b.rollback()
			return Stats{}, fmt.Errorf("reading contacts: %w", err)
		}
		fl, err := r.flowVersion(e.FlowID, e.Version)
		if err != nil {
			b.rollback()
			return Stats{}, err
		}
		c, err := b.contact(e.ContactID)
		if err != nil {
			b.rollback()
			return Stats{}, err
		}
		if err := journey.Wake[*enrollment, *compiled](b, fl, e, c); err != nil {
			b.rollback()
			return Stats{}, err
		}
	}
	if b.stats.Resumed == len(due) {
		r.dueDone(len(due), false)
	}
	return b.stats, b.commit()
}

// sortedIDs returns a set's ids in increasing order.
func sortedIDs(set map[int64]bool) []int64 {
	ids := make([]int64, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// Transaction locks of a PostgreSQL workspace that several engines share
// (advisory locks, released at commit): "Fl" and a number.
const (
	lockEvents        = 0x466c0001
	lockEnrollmentIDs = 0x466c0002
)

// maxEventsPassed is how many rounds in a row an engine passes over the
// events when another holds their lock, before it waits for its turn.
const maxEventsPassed = 3

// claim takes one of the locks above for the batch's transaction, waiting
// for another engine's batch that holds it. SQLite needs none: the batch's
// transaction holds the only write lock.
func (b *batch) claim(key int64) error {
	if store.DialectOf(b.tx) != store.Postgres {
		return nil
	}
	var one int
	return store.With(b.tx).QueryRow(b.ctx, "claim-lock", key).Scan(&one)
}
