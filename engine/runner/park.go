package runner

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/journey"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// A Lua script may take up to its deadline (50 ms) per contact. Run inside
// a batch, a few hundred such steps would hold the workspace's write lock
// for seconds: every other writer (the event intake, an import, publishing
// from the command line) would wait, and past the busy timeout fail with
// "database is locked". So no script ever runs while a write transaction
// is open:
//
//  1. In a batch, a step that asks for a script parks its journey instead:
//     the journey is saved as "active" at that step (nothing journaled for
//     it yet) and the script call is remembered. The batch goes on with the
//     other journeys and commits as usual.
//  2. With no transaction open, the runner reads each parked contact as it
//     is now and runs the script.
//  3. A new batch takes the parked journeys up again from that step: the
//     executor runs again and gets the script's result instead of a second
//     run, the step is journaled and applied with its effects, and the
//     journey goes on.
//
// Nothing is lost when something else writes in between (one writer: only
// the intake, an import or the app can): step 3 reads the journey and its
// contact afresh in its own transaction and applies only the step's effects
// to them, so a field changed by an import stays changed; a journey that
// moved meanwhile (it left on an exit event, jumped to a goal, its flow was
// deleted) no longer matches the remembered step by position and sequence,
// and the result is dropped. A crash between 1 and 3 leaves the journey
// "active" at the step, which is the only way a journey is ever stored
// "active": the next run finds it, asks the executor again (which parks it
// once more, recording the call), and carries on from there; no step is
// journaled twice and none is lost.

// errParked is what Script returns inside a batch when the script has not
// run yet: the executor returns it (wrapped) and advance parks the journey.
var errParked = journey.ErrParked

// holdBudget is how long a batch takes on new work while holding the write
// lock when another writer of this program (the event intake, delivery,
// the app) is waiting for it: past it, the batch commits at the next
// boundary between events or journeys (never inside one) and the rest goes
// to the next batch, so that writer waits at most about this long plus one
// commit. With nobody waiting, the batch goes on to its full size (each
// commit costs, and more so on a busy machine), up to holdCap: writers in
// other programs (an import or a publish from the command line) cannot be
// seen waiting, so they wait at most about that long.
const (
	holdBudget = 30 * time.Millisecond
	holdCap    = 250 * time.Millisecond
)

// evalBudget bounds how long one round of parked scripts runs before their
// journeys are taken up again, so events keep flowing while a slow script
// is evaluated for thousands of contacts.
const evalBudget = 250 * time.Millisecond

// holdClock tells the time for holdBudget and evalBudget: wall time, since
// the budgets are about how long other writers wait (tests replace it to
// check that batches end at the budget without timing anything).
var holdClock = time.Now

// dueLimit is how many due wake-ups the next batch reads: BatchSize, or
// a little more than the last batch stopped by its budget managed, so a
// busy machine does not read a thousand journeys to step four hundred.
func (r *Runner) dueLimit() int {
	r.parkMu.Lock()
	defer r.parkMu.Unlock()
	if r.dueHint > 0 {
		return min(r.dueHint, r.opts.BatchSize)
	}
	return r.opts.BatchSize
}

// dueDone records how many wake-ups a batch stepped and whether its
// budget stopped it.
func (r *Runner) dueDone(n int, cut bool) {
	r.parkMu.Lock()
	defer r.parkMu.Unlock()
	switch {
	case cut:
		r.dueHint = max(n+n/4, feedChunk)
	case r.dueHint > 0:
		r.dueHint *= 2 // it kept up: read more next time
		if r.dueHint >= r.opts.BatchSize {
			r.dueHint = 0
		}
	}
}

// parkedStep is a journey stopped before a script step, and what the
// script answered once it ran.
type parkedStep struct {
	id, contact int64
	flow, node  string
	seq         int            // the journey's step count when parked
	ev          *contact.Event // the event the visit is handling, if any
	call        *scriptCall    // nil for a journey found parked by a previous run
	done        bool           // the script ran: result and err are its answer
	result      any
	err         error
	tries       int // see scriptCall.tries
}

type scriptCall struct {
	kind, name string
	params     map[string]any
	nc         nodes.Ctx
	tries      int // parks of the same step in a row whose answer did not fit
}

// maxReparks bounds how often a step parks again because its answer was
// for another call, so a step can never keep its journey parked forever.
const maxReparks = 3

// overBudget reports whether the batch should commit now (see holdBudget).
func (b *batch) overBudget() bool {
	held := holdClock().Sub(b.start)
	if held <= holdBudget {
		return false
	}
	// A batch handling a PostgreSQL workspace's events keeps the other
	// engines' batches of events waiting, and waiters in other processes
	// cannot be seen: it keeps to the short budget.
	return held > holdCap || b.holdsEvents || b.r.st.WriterWaits() > b.waits
}

// script answers a step's script call inside a batch: with the result of a
// run made outside the transaction when the journey is being taken up
// again, else errParked after remembering the call.
func (b *batch) script(kind, name string, params map[string]any, c *nodes.Ctx) (any, error) {
	tries := 0
	if p := b.replay; p != nil && p.id == c.EnrollmentID && p.node == c.Node.ID {
		if p.done && p.call != nil && p.call.kind == kind && p.call.name == name && reflect.DeepEqual(p.call.params, params) {
			b.replay = nil
			return p.result, p.err
		}
		// The step asks for another call than the one that ran (its funnel
		// moved to a new version meanwhile): park again, a few times at most.
		if tries = p.tries + 1; tries > maxReparks {
			return nil, fmt.Errorf("script %q: the step asked for a different script call %d times in a row", name, tries)
		}
	}
	b.call = &scriptCall{kind: kind, name: name, params: params, nc: *c, tries: tries}
	b.call.nc.Env = noEnv{} // the batch is over when the script runs: do not keep it alive
	return nil, errParked
}

// park saves a journey at the script step it reached; the step runs when
// the batch has committed (see resumeParked).
func (b *batch) park(e *enrollment, ev *contact.Event) error {
	e.Status, e.WakeAt, e.WaitEvent, e.WaitFilter, e.WaitStart = journey.Active, 0, "", nil, 0
	p := &parkedStep{id: e.ID, contact: e.ContactID, flow: e.FlowID, node: e.Node, seq: e.Seq, ev: ev, call: b.call}
	if b.call != nil {
		p.tries = b.call.tries
	}
	b.parks = append(b.parks, p)
	b.call = nil
	if b.parkedContacts == nil {
		b.parkedContacts = map[int64]bool{}
	}
	b.parkedContacts[e.ContactID] = true
	b.stats.parked++
	return b.save(e)
}

// handParks gives the journeys the batch parked to the runner, once the
// batch has committed them.
func (b *batch) handParks() {
	if len(b.parks) > 0 {
		b.r.parkMu.Lock()
		b.r.parked = append(b.r.parked, b.parks...)
		b.r.parkMu.Unlock()
		b.parks = nil
	}
}

// rescanParked is how often the runner looks for parked journeys it does
// not know of (left by a run that stopped, or by another program).
const rescanParked = time.Minute

// recoverParked queues the journeys a previous run left parked (stored
// "active"): on the runner's first round, then every rescanParked.
func (r *Runner) recoverParked(ctx context.Context) error {
	r.parkMu.Lock()
	due := time.Since(r.scannedAt) >= rescanParked
	if due {
		r.scannedAt = time.Now()
	}
	r.parkMu.Unlock()
	if !due {
		return nil
	}
	rows, err := r.st.Query(ctx, "active-enrollments")
	if err != nil {
		return err
	}
	defer rows.Close()
	var found []*parkedStep
	for rows.Next() {
		p := &parkedStep{}
		if err := rows.Scan(&p.id, &p.contact, &p.flow, &p.node, &p.seq); err != nil {
			return err
		}
		found = append(found, p)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	r.parkMu.Lock()
	defer r.parkMu.Unlock()
	known := map[int64]bool{}
	for _, p := range r.parked {
		known[p.id] = true
	}
	for _, p := range found {
		if !known[p.id] {
			r.parked = append(r.parked, p)
		}
	}
	return nil
}

// takeParked removes up to n parked journeys from the queue, oldest first.
func (r *Runner) takeParked(n int) []*parkedStep {
	r.parkMu.Lock()
	defer r.parkMu.Unlock()
	n = min(n, len(r.parked))
	out := append([]*parkedStep(nil), r.parked[:n]...)
	r.parked = append(r.parked[:0], r.parked[n:]...)
	return out
}

// requeueParked puts journeys back at the front of the queue.
func (r *Runner) requeueParked(ps []*parkedStep) {
	if len(ps) == 0 {
		return
	}
	r.parkMu.Lock()
	r.parked = append(append([]*parkedStep(nil), ps...), r.parked...)
	r.parkMu.Unlock()
}

// evaluate runs the parked scripts with no transaction open, each against
// its contact as stored now, until evalBudget is spent; it returns how many
// of ps have their answer (a prefix of ps: the rest wait for the next round).
func (r *Runner) evaluate(ctx context.Context, ps []*parkedStep) (int, error) {
	var ids []int64
	for _, p := range ps {
		if p.call != nil && !p.done {
			ids = append(ids, p.contact)
		}
	}
	if len(ids) == 0 {
		return len(ps), nil
	}
	cs, err := store.LoadContacts(ctx, r.st, ids)
	if err != nil {
		return 0, fmt.Errorf("reading contacts: %w", err)
	}
	start := holdClock()
	for i, p := range ps {
		if p.call == nil || p.done {
			continue
		}
		if i > 0 && holdClock().Sub(start) > evalBudget {
			return i, nil
		}
		if err := ctx.Err(); err != nil {
			return i, err
		}
		nc := p.call.nc
		nc.Context = ctx
		if c := cs[p.contact]; c != nil {
			nc.Contact = c
		}
		p.result, p.err = r.opts.Scripts.Run(ctx, p.call.kind, p.call.name, p.call.params, &nc)
		p.done = true
	}
	return len(ps), nil
}

// resumeParked runs the scripts of parked journeys (no transaction open),
// then takes the journeys up again from their script step in one batch.
func (r *Runner) resumeParked(ctx context.Context) (Stats, error) {
	if err := r.recoverParked(ctx); err != nil {
		return Stats{}, fmt.Errorf("parked journeys: %w", err)
	}
	ps := r.takeParked(r.opts.BatchSize)
	if len(ps) == 0 {
		return Stats{}, nil
	}
	n, err := r.evaluate(ctx, ps)
	r.requeueParked(ps[n:])
	ps = ps[:n]
	if err != nil {
		r.requeueParked(ps)
		return Stats{}, err
	}
	b, err := r.begin(ctx)
	if err != nil {
		r.requeueParked(ps)
		return Stats{}, err
	}
	ids := make([]string, len(ps))
	byID := map[int64]*parkedStep{}
	contacts := make([]int64, len(ps))
	for i, p := range ps {
		ids[i], byID[p.id], contacts[i] = itoa(p.id), p, p.contact
	}
	// On PostgreSQL another engine may hold the same parked journeys (its
	// rescan found them while this one ran their scripts): the rows are
	// locked, and a batch that waited for the other's sees them as it left
	// them (moved on: not found, or a stale step), so the step is journaled
	// once.
	lock := ""
	if store.DialectOf(b.tx) == store.Postgres {
		lock = " FOR UPDATE"
	}
	es, err := b.queryEnrollments(`status='active' AND id IN (` + strings.Join(ids, ",") + `) ORDER BY id` + lock)
	if err == nil {
		err = b.prefetch(contacts)
	}
	if err != nil {
		b.rollback()
		r.requeueParked(ps)
		return Stats{}, err
	}
	// Journeys no longer parked (they left, or their flow was deleted) are
	// not found; they count as handled.
	b.stats.unparked += len(ps) - len(es)
	for i, e := range es {
		p := byID[e.ID]
		if p.node != e.Node || p.seq != e.Seq {
			b.stats.unparked++
			continue // the journey moved on meanwhile: the answer is stale
		}
		if i > 0 && (b.overBudget() || b.parkedContacts[e.ContactID]) {
			var rest []*parkedStep
			for _, e := range es[i:] {
				rest = append(rest, byID[e.ID])
			}
			r.requeueParked(rest)
			break
		}
		fl, err := r.flowVersion(e.FlowID, e.Version)
		if err == nil {
			var c *contact.Contact
			if c, err = b.contact(e.ContactID); err == nil {
				b.stats.unparked++
				b.replay = p
				err = b.advance(fl, e, c, p.ev, nil)
			}
		}
		if err != nil {
			b.rollback()
			r.requeueParked(ps)
			return Stats{}, err
		}
	}
	b.replay = nil
	if err := b.commit(); err != nil {
		r.requeueParked(ps)
		return Stats{}, err
	}
	return b.stats, nil
}

// drainParked takes every parked journey on until none is left: for the
// calls that move journeys by hand (Enroll, RetryFailed), which return
// once their journeys have gone as far as they can.
func (r *Runner) drainParked(ctx context.Context) error {
	for {
		s, err := r.resumeParked(ctx)
		if err != nil || s.unparked == 0 {
			return err
		}
	}
}

// noEnv is the environment of a script run outside any batch: scripts read
// the workspace through their own helpers, not through the executors' Env.
type noEnv struct{}

var errNoEnv = errors.New("not available to a script")

func (noEnv) CountEvents(context.Context, int64, string, map[string]string, time.Time) (int, error) {
	return 0, errNoEnv
}
func (noEnv) EmailEngagement(context.Context, int64, string, string) (bool, bool, error) {
	return false, false, errNoEnv
}
func (noEnv) InSegment(context.Context, *contact.Contact, string) (bool, error) {
	return false, errNoEnv
}
func (noEnv) Script(context.Context, string, string, map[string]any, *nodes.Ctx) (any, error) {
	return nil, errNoEnv
}
func (noEnv) BestHour(context.Context, int64) (int, bool, error) { return 0, false, errNoEnv }
func (noEnv) FlowExists(context.Context, string) bool            { return false }
