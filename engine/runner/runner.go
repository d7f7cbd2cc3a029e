// Package runner runs published flows for real contacts: it stores events,
// enrolls contacts through triggers, advances each enrollment node by node,
// parks it at waits, resumes it on time or on an event, pulls it forward to
// goals, and journals every step. Every step, its contact changes and its
// side effects (outbox rows) commit in one transaction, in batches, so a
// crash loses no step and queues no message twice. The rules of a journey
// are engine/journey's: the batch implements its Data over the workspace
// (effects.go), and this package keeps the scheduling, the batches and
// their buffered writes, parking before scripts, and delivery.
package runner

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// ScriptRunner evaluates Lua scripts for nodes (engine/script adapts to it).
type ScriptRunner interface {
	Run(ctx context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error)
}

// SegmentChecker tells segment membership (the contacts package adapts to it).
type SegmentChecker interface {
	InSegment(ctx context.Context, q store.Querier, c *contact.Contact, segment string, now time.Time) (bool, error)
}

// Scorer turns events into lead-score points (engine/contacts adapts to it).
type Scorer interface {
	Score(ev *contact.Event) (points float64, cause string)
}

// Options configure a Runner.
type Options struct {
	Clock    clock.Clock
	Scripts  ScriptRunner
	Segments SegmentChecker
	// Scoring loads the declarative scoring rules; they are reloaded when
	// the scoring_rules table changes.
	Scoring func(ctx context.Context, q store.Querier) (Scorer, error)
	// BatchSize is how many events or wake-ups share one transaction.
	BatchSize int
	// MaxStepsPerVisit stops an enrollment that takes this many steps without
	// waiting (a loop the validator did not see, e.g. in an unchecked import).
	MaxStepsPerVisit int
	// FutureTolerance is how far in the future an event's time may be (clock skew).
	FutureTolerance time.Duration
	// SendingLease is how long a claimed message stays this runner's
	// without a word from it: Deliver renews the lease of the messages it
	// holds every third of it, and any runner on the workspace puts back in
	// the queue the messages whose lease ran out (their engine died).
	// Default DefaultSendingLease.
	SendingLease time.Duration
}

// DefaultSendingLease is the lease of a message being sent when Options
// gives none: long beside a renewal (a third of it) and beside the clock
// skew of machines sharing a workspace, short beside the wait a dead
// engine's messages can bear.
const DefaultSendingLease = time.Minute

// Runner executes flows over a workspace.
type Runner struct {
	st   *store.Store
	reg  *nodes.Registry
	clk  clock.Clock
	opts Options

	mu        sync.Mutex
	flows     map[flowKey]*compiled
	published []*compiled // enabled flows at their published version
	pubStamp  string

	scorer     Scorer
	scoreStamp string

	intake groupCommit // IngestShared's queue (ingest.go)

	// Journeys parked before a script step, in the order they parked
	// (see park.go); scannedAt is when the workspace was last searched for
	// parked journeys this runner does not know of.
	parkMu    sync.Mutex
	parked    []*parkedStep
	scannedAt time.Time
	dueHint   int // see dueLimit

	// conflicts counts the batches PostgreSQL failed to break a deadlock
	// with another engine, run again (conflict.go).
	conflicts atomic.Int64
	// eventsPassed counts the rounds in a row this runner left the events
	// to another engine holding their lock (processEvents).
	eventsPassed atomic.Int64

	// reclaimedAt is when expired leases were last looked for (lease.go).
	leaseMu     sync.Mutex
	reclaimedAt time.Time
}

type flowKey struct {
	id      string
	version int
}

// compiled is a flow version prepared for execution.
type compiled struct {
	f        *flow.Flow
	version  int
	specs    map[string]*nodes.Spec
	triggers []*flow.Node
	goals    []*flow.Node
	// reach[a][b]: b is reachable from a (for goal jumps).
	reach map[string]map[string]bool
}

// New builds a runner.
func New(st *store.Store, reg *nodes.Registry, opts Options) *Runner {
	if opts.Clock == nil {
		opts.Clock = clock.Real{}
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	if opts.MaxStepsPerVisit <= 0 {
		opts.MaxStepsPerVisit = 500
	}
	if opts.FutureTolerance <= 0 {
		opts.FutureTolerance = 5 * time.Minute
	}
	if opts.SendingLease <= 0 {
		opts.SendingLease = DefaultSendingLease
	}
	return &Runner{st: st, reg: reg, clk: opts.Clock, opts: opts, flows: map[flowKey]*compiled{}}
}

// Clock returns the runner's clock.
func (r *Runner) Clock() clock.Clock { return r.clk }

func (r *Runner) compile(f *flow.Flow, version int) *compiled {
	c := &compiled{f: f, version: version, specs: map[string]*nodes.Spec{}, reach: map[string]map[string]bool{}}
	out := map[string][]string{}
	for _, e := range f.Edges {
		out[e.From] = append(out[e.From], e.To)
	}
	for i := range f.Nodes {
		n := &f.Nodes[i]
		s, ok := r.reg.Lookup(n.Type)
		if !ok {
			continue
		}
		c.specs[n.ID] = s
		switch s.Kind {
		case nodes.KindTrigger:
			c.triggers = append(c.triggers, n)
		case nodes.KindGoal:
			c.goals = append(c.goals, n)
		}
	}
	if len(c.goals) > 0 {
		for _, n := range f.Nodes {
			seen := map[string]bool{}
			stack := append([]string(nil), out[n.ID]...)
			for len(stack) > 0 {
				id := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if seen[id] {
					continue
				}
				seen[id] = true
				stack = append(stack, out[id]...)
			}
			c.reach[n.ID] = seen
		}
	}
	return c
}

// flowVersion returns a compiled flow version (versions never change once published).
func (r *Runner) flowVersion(id string, version int) (*compiled, error) {
	r.mu.Lock()
	c := r.flows[flowKey{id, version}]
	r.mu.Unlock()
	if c != nil {
		return c, nil
	}
	f, err := r.st.FlowVersion(id, version)
	if err != nil {
		return nil, err
	}
	c = r.compile(f, version)
	r.mu.Lock()
	r.flows[flowKey{id, version}] = c
	r.mu.Unlock()
	return c, nil
}

// refresh reloads the published flows when the flows table changed.
func (r *Runner) refresh(ctx context.Context) error {
	var stamp string
	var maxUpd sql.NullInt64
	var n int
	if err := r.st.QueryRow(ctx, "enabled-flows-stamp").Scan(&n, &maxUpd); err != nil {
		return err
	}
	var pubSum sql.NullInt64
	_ = r.st.QueryRow(ctx, "enabled-flows-versions-sum").Scan(&pubSum)
	stamp = fmt.Sprintf("%d/%d/%d", n, maxUpd.Int64, pubSum.Int64)
	r.mu.Lock()
	same := stamp == r.pubStamp && r.published != nil
	r.mu.Unlock()
	if same {
		return r.refreshScoring(ctx)
	}
	if err := r.refreshScoring(ctx); err != nil {
		return err
	}
	flows, versions, err := r.st.Published()
	if err != nil {
		return err
	}
	var pub []*compiled
	for id, f := range flows {
		c, err := r.flowVersion(id, versions[id])
		if err != nil {
			return err
		}
		_ = f
		pub = append(pub, c)
	}
	sortCompiled(pub)
	r.mu.Lock()
	r.published, r.pubStamp = pub, stamp
	r.mu.Unlock()
	return nil
}

func sortCompiled(cs []*compiled) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].f.ID < cs[j].f.ID })
}

// refreshScoring reloads the scoring rules when they changed.
func (r *Runner) refreshScoring(ctx context.Context) error {
	if r.opts.Scoring == nil {
		return nil
	}
	var stamp string
	var n int
	var maxUpd sql.NullString
	if err := r.st.QueryRow(ctx, "scoring-stamp").Scan(&n, &maxUpd); err != nil {
		return nil // no scoring table in this workspace: no scoring
	}
	stamp = fmt.Sprintf("%d/%s", n, maxUpd.String)
	r.mu.Lock()
	same := stamp == r.scoreStamp
	r.mu.Unlock()
	if same {
		return nil
	}
	sc, err := r.opts.Scoring(ctx, r.st)
	if err != nil {
		return fmt.Errorf("scoring rules: %w", err)
	}
	r.mu.Lock()
	r.scorer, r.scoreStamp = sc, stamp
	r.mu.Unlock()
	return nil
}

// Stats counts what a run did.
type Stats struct {
	Events   int `json:"events"`
	Enrolled int `json:"enrolled"`
	Resumed  int `json:"resumed"`
	Steps    int `json:"steps"`
	Errors   int `json:"errors"`
	Queued   int `json:"queued"`
	// Journeys parked before a script step, and taken up again (park.go).
	parked, unparked int
	// held: events are committed that a transaction still running keeps
	// back (PostgreSQL, see store/events.go).
	held bool
}

func (s *Stats) add(o Stats) {
	s.Events += o.Events
	s.Enrolled += o.Enrolled
	s.Resumed += o.Resumed
	s.Steps += o.Steps
	s.Errors += o.Errors
	s.Queued += o.Queued
	s.parked += o.parked
	s.unparked += o.unparked
}

// RunOnce processes every pending event and every wake-up due now, batch by
// batch, until nothing is left to do at the clock's current time.
func (r *Runner) RunOnce(ctx context.Context) (Stats, error) {
	var total Stats
	if err := r.refresh(ctx); err != nil {
		return total, err
	}
	if _, err := r.sweepAnniversaries(ctx); err != nil {
		return total, fmt.Errorf("anniversaries: %w", err)
	}
	if _, err := r.sweepSegments(ctx); err != nil {
		return total, fmt.Errorf("segments: %w", err)
	}
	var heldFor time.Duration
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		s1, err := r.retryConflicts(ctx, r.processEvents)
		if err != nil {
			return total, err
		}
		s2, err := r.retryConflicts(ctx, r.processDue)
		if err != nil {
			return total, err
		}
		s3, err := r.retryConflicts(ctx, r.resumeParked)
		if err != nil {
			return total, err
		}
		total.add(s1)
		total.add(s2)
		total.add(s3)
		if s1.Events == 0 && s2.Resumed == 0 && s3.unparked == 0 {
			// Events kept back by a transaction still running (another
			// engine's batch, at most its budget) are waited for, so that
			// RunOnce leaves nothing committed unhandled; not for ever: a
			// transaction left open on the server holds them until it
			// ends, and Serve comes back at its next round.
			if !s1.held || heldFor >= maxHeldWait {
				return total, nil
			}
			pause := min(time.Millisecond<<min(heldFor/time.Millisecond, 5), maxHeldWait-heldFor)
			select {
			case <-ctx.Done():
				return total, ctx.Err()
			case <-time.After(pause):
			}
			heldFor += pause
		}
	}
}

// maxHeldWait is how long RunOnce waits for events that a transaction
// still running keeps back.
const maxHeldWait = 2 * time.Second

// NextWake returns the earliest time a waiting enrollment wakes up.
func (r *Runner) NextWake(ctx context.Context) (time.Time, bool, error) {
	var v sql.NullInt64
	err := r.st.QueryRow(ctx, "next-wake").Scan(&v)
	if err != nil {
		return time.Time{}, false, err
	}
	next, ok := time.Time{}, v.Valid
	if ok {
		next = store.FromMS(v.Int64)
	}
	if a, aok := r.nextAnniversary(ctx); aok && (!ok || a.Before(next)) {
		next, ok = a, true
	}
	if s, sok := r.nextSegmentSweep(ctx); sok && (!ok || s.Before(next)) {
		next, ok = s, true
	}
	return next, ok, nil
}

// RunUntil advances a virtual clock from wake-up to wake-up until end,
// running everything due at each instant: a 90-day journey in milliseconds.
func (r *Runner) RunUntil(ctx context.Context, v *clock.Virtual, end time.Time) (Stats, error) {
	var total Stats
	for {
		s, err := r.RunOnce(ctx)
		total.add(s)
		if err != nil {
			return total, err
		}
		next, ok, err := r.NextWake(ctx)
		if err != nil {
			return total, err
		}
		if !ok || next.After(end) {
			v.Set(end)
			s, err := r.RunOnce(ctx)
			total.add(s)
			return total, err
		}
		if !next.After(v.Now()) {
			next = v.Now().Add(time.Millisecond)
		}
		v.Set(next)
	}
}

// Serve runs the engine until ctx ends: it processes what is due, then
// sleeps until the next wake-up, a poke (new events) or poll, whichever is first.
func (r *Runner) Serve(ctx context.Context, poke <-chan struct{}, poll time.Duration, onErr func(error)) {
	if poll <= 0 {
		poll = time.Second
	}
	for {
		if _, err := r.RunOnce(ctx); err != nil && !errors.Is(err, context.Canceled) && onErr != nil {
			onErr(err)
		}
		wait := poll
		if next, ok, err := r.NextWake(ctx); err == nil && ok {
			if d := next.Sub(r.clk.Now()); d < wait {
				wait = max(d, time.Millisecond)
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-poke:
		case <-t.C:
		}
		t.Stop()
	}
}

// CreateContact stores a new contact and its "contact created" event (and a
// "list joined" event per list), so sign-up triggers fire.
func (r *Runner) CreateContact(ctx context.Context, c *contact.Contact, lists []string) (int64, error) {
	now := r.clk.Now()
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	id, err := store.InsertContact(ctx, tx, c, now)
	if err != nil {
		return 0, err
	}
	if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: id, Type: contact.EventContactCreated}, now, "app"); err != nil {
		return 0, err
	}
	for _, l := range lists {
		if added, err := store.AddToList(ctx, tx, id, l, now); err != nil {
			return 0, err
		} else if added {
			if _, err := store.InsertEvent(ctx, tx, &contact.Event{ContactID: id, Type: contact.EventListJoined, Props: map[string]any{"list": l}}, now, "app"); err != nil {
				return 0, err
			}
		}
	}
	return id, tx.Commit()
}

// Enroll puts contacts into a flow by hand (manual trigger), respecting its
// re-entry rule. It returns how many entered.
func (r *Runner) Enroll(ctx context.Context, flowID string, contactIDs []int64) (int, error) {
	if err := r.refresh(ctx); err != nil {
		return 0, err
	}
	var target *compiled
	r.mu.Lock()
	for _, c := range r.published {
		if c.f.ID == flowID {
			target = c
		}
	}
	r.mu.Unlock()
	if target == nil {
		return 0, fmt.Errorf("flow %q is not published", flowID)
	}
	trig := -1
	for i, t := range target.triggers {
		if t.Type == "trigger.manual" {
			trig = i
		}
	}
	if trig < 0 && len(target.triggers) > 0 {
		trig = 0
	}
	if trig < 0 {
		return 0, fmt.Errorf("flow %q has no start", flowID)
	}
	n := 0
	for start := 0; start < len(contactIDs); {
		end := min(start+r.opts.BatchSize, len(contactIDs))
		b, err := r.begin(ctx)
		if err != nil {
			return n, err
		}
		for i, id := range contactIDs[start:end] {
			if i > 0 && b.overBudget() {
				end = start + i // the rest go in the next batch
				break
			}
			// Contacts and their re-entry counts are read a chunk at a
			// time: a batch cut short by the budget has read few extra.
			if i%feedChunk == 0 {
				chunk := contactIDs[start+i : min(start+i+feedChunk, end)]
				if err := b.prefetch(chunk); err != nil {
					b.rollback()
					return n, err
				}
				if err := b.prefetchTallies(flowID, chunk); err != nil {
					b.rollback()
					return n, err
				}
			}
			ok, err := b.enroll(target, trig, id, nil)
			if err != nil {
				b.rollback()
				return n, err
			}
			if ok {
				n++
			}
		}
		if err := b.commit(); err != nil {
			return n, err
		}
		start = end
	}
	// Journeys that reached a script step parked there; take them on up to
	// their first wait, as the others went.
	return n, r.drainParked(ctx)
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// MoveToLatest moves the journeys inside a flow (active or waiting) to its
// latest published version, at the same step. Journeys whose step no longer
// exists in the latest version stay where they are; the count moved is returned.
func (r *Runner) MoveToLatest(ctx context.Context, flowID string) (int, error) {
	var latest int
	if err := r.st.QueryRow(ctx, "flow-published-version", flowID).Scan(&latest); err != nil {
		return 0, fmt.Errorf("flow %q: %w", flowID, err)
	}
	if latest == 0 {
		return 0, fmt.Errorf("flow %q is not published", flowID)
	}
	target, err := r.flowVersion(flowID, latest)
	if err != nil {
		return 0, err
	}
	tx, err := r.st.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.Query(ctx, "journeys-on-other-versions", flowID, latest)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		var node string
		if err := rows.Scan(&id, &node); err != nil {
			rows.Close()
			return 0, err
		}
		if target.f.Node(node) != nil {
			ids = append(ids, id)
		}
	}
	rows.Close()
	for _, id := range ids {
		if _, err := tx.Exec(ctx, "set-journey-version", latest, id); err != nil {
			return 0, err
		}
	}
	return len(ids), tx.Commit()
}
