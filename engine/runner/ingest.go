package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/store"
)

// EventInput is an event as it arrives: the contact by id or by email.
type EventInput struct {
	ContactID int64          `json:"contact_id,omitempty"`
	Email     string         `json:"email,omitempty"`
	Type      string         `json:"type"`
	Props     map[string]any `json:"props,omitempty"`
	At        time.Time      `json:"at,omitempty"`
	// ID is the sender's own id for the event. An event whose (source, ID)
	// was already received within DedupeWindow is a duplicate: it is not
	// stored again and is reported with ErrDuplicate.
	ID string `json:"id,omitempty"`
	// Source, when set, names the sender within the batch's source (a shop,
	// a form): the event's source becomes "<batch source>:<Source>", and
	// its ID need only be unique within it.
	Source string `json:"source,omitempty"`
	// CreateContact lets an unknown Email create the contact (a sign-up
	// form), with Identity as its identity fields. The contact is created in
	// the event's transaction and only if the event is accepted: a refused
	// or duplicate event creates nobody.
	CreateContact bool              `json:"-"`
	Identity      map[string]string `json:"-"`
}

// IngestError is one rejected event, with its position in the batch.
type IngestError struct {
	Index int
	Err   error
}

func (e IngestError) Error() string { return fmt.Sprintf("event %d: %v", e.Index+1, e.Err) }

func (e IngestError) Unwrap() error { return e.Err }

// ErrDuplicate marks an event whose (source, id) was already received: a
// retry, not a new event.
var ErrDuplicate = errors.New("duplicate")

// DedupeWindow is how long event ids are remembered. Senders retry within
// minutes; a week and a day keeps "at least 7 days" true between prunes.
const DedupeWindow = 8 * 24 * time.Hour

// prunePeriod is how often ingesting also deletes event ids older than
// DedupeWindow.
const prunePeriod = time.Hour

// maxGroupEvents bounds one shared commit: beyond it, waiting requests go
// in the next transaction (a long transaction would hold the write lock
// against the scheduler).
const maxGroupEvents = 20_000

// A group under minGroupEvents, when the previous commit has just ended,
// waits groupWait for more events to join it.
const (
	minGroupEvents = 64
	groupWait      = time.Millisecond
)

// ingestReq is one caller's batch inside a shared commit.
type ingestReq struct {
	evs    []EventInput
	source string
	// Worked out by prepare, before the shared (serial) part: each event's
	// properties as stored, or why it is refused without looking at the
	// workspace.
	props    []string
	pre      []error
	ids      []int64
	rejected []IngestError
	err      error
	done     chan struct{}
}

// groupCommit queues concurrent IngestShared calls; one goroutine at a time
// drains the queue, each round committing everything queued in one
// transaction.
type groupCommit struct {
	mu        sync.Mutex
	pending   []*ingestReq
	running   bool
	lastPrune time.Time
}

// Ingest stores events for processing, in one transaction. Policy,
// documented in the README: an event for an unknown contact, with no type,
// more than FutureTolerance in the future or with properties beyond the
// contact.MaxProps* limits is rejected with its index and reason, and the
// others are kept; an event whose (source, ID) was already received is
// rejected with ErrDuplicate; an event with no time takes the arrival time;
// an out-of-order (older) event is accepted, keeps its own time for
// behaviour windows, and is processed in arrival order.
func (r *Runner) Ingest(ctx context.Context, evs []EventInput, source string) (ids []int64, rejected []IngestError, err error) {
	req := &ingestReq{evs: evs, source: source}
	if err := r.ingestGroup(ctx, []*ingestReq{req}); err != nil {
		return nil, nil, err
	}
	return req.ids, req.rejected, nil
}

// IngestShared is Ingest for many concurrent callers (the HTTP intake):
// calls that arrive while a commit is under way wait and share the next
// transaction, so a thousand requests cost a few commits instead of a
// thousand. It returns once the transaction holding evs has committed (or
// failed), so a caller that answers "stored" after it tells the truth.
func (r *Runner) IngestShared(ctx context.Context, evs []EventInput, source string) (ids []int64, rejected []IngestError, err error) {
	req := &ingestReq{evs: evs, source: source, done: make(chan struct{})}
	// Checking and encoding the properties is done here, by each caller at
	// once, not in the shared commit that everyone waits for.
	r.prepare(req)
	g := &r.intake
	g.mu.Lock()
	g.pending = append(g.pending, req)
	if !g.running {
		g.running = true
		go r.drainIngest()
	}
	g.mu.Unlock()
	// Wait even if ctx ends: the events may be committing; the answer must
	// say what happened to them.
	<-req.done
	return req.ids, req.rejected, req.err
}

// drainIngest commits queued requests, a group at a time, until none is left.
func (r *Runner) drainIngest() {
	g := &r.intake
	for round := 0; ; round++ {
		if round > 0 {
			// Back to back under load: a commit of a few events costs
			// nearly what one of hundreds does (every page it touches is
			// written again), so let a small group grow a moment first.
			// The first round after a pause does not wait.
			g.mu.Lock()
			n := 0
			for _, q := range g.pending {
				n += len(q.evs)
			}
			g.mu.Unlock()
			if n < minGroupEvents {
				time.Sleep(groupWait)
			}
		}
		g.mu.Lock()
		n, take := 0, 0
		for take < len(g.pending) && (take == 0 || n+len(g.pending[take].evs) <= maxGroupEvents) {
			n += len(g.pending[take].evs)
			take++
		}
		group := g.pending[:take:take]
		g.pending = g.pending[take:]
		if len(group) == 0 {
			g.pending = nil
			g.running = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		// One caller's cancelled request must not fail the others sharing
		// the commit.
		if err := r.ingestGroup(context.Background(), group); err != nil {
			for _, q := range group {
				q.ids, q.rejected, q.err = nil, nil, err
			}
		}
		for _, q := range group {
			close(q.done)
		}
	}
}

// prepare checks what needs no workspace (type, time, id, properties) and
// encodes the properties.
func (r *Runner) prepare(q *ingestReq) {
	now := r.clk.Now()
	q.props, q.pre = make([]string, len(q.evs)), make([]error, len(q.evs))
	for i := range q.evs {
		in := &q.evs[i]
		q.props[i] = "{}"
		switch {
		case in.Type == "":
			q.pre[i] = errors.New("no event type")
		case !in.At.IsZero() && in.At.After(now.Add(r.opts.FutureTolerance)):
			q.pre[i] = fmt.Errorf("time %s is in the future (now %s)", in.At.Format(time.RFC3339), now.Format(time.RFC3339))
		case len(in.ID) > 200:
			q.pre[i] = errors.New("id is longer than 200 characters")
		case len(in.Source) > 64:
			q.pre[i] = errors.New("source is longer than 64 characters")
		case len(in.Props) > 0:
			if err := contact.CheckProps(in.Props); err != nil {
				q.pre[i] = err
				continue
			}
			raw, err := json.Marshal(in.Props)
			switch {
			case err != nil:
				q.pre[i] = fmt.Errorf("properties: %v", err)
			case len(raw) > contact.MaxPropsBytes:
				q.pre[i] = fmt.Errorf("data: %d bytes, at most %d", len(raw), contact.MaxPropsBytes)
			default:
				q.props[i] = string(raw)
			}
		}
	}
}

// accepted is an event that passed every check, ready to be written.
type accepted struct {
	q      *ingestReq
	in     *EventInput
	cid    int64 // 0: create the contact from in.Email
	props  string
	at     time.Time
	dedupe bool
}

// sourceOf is an event's source: the batch's, refined by the event's own.
func sourceOf(q *ingestReq, in *EventInput) string {
	if in.Source == "" {
		return q.source
	}
	return q.source + ":" + in.Source
}

func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ingestGroup checks and stores every request's events in one transaction,
// filling each request's ids and rejections. An error means nothing of the
// group was stored.
func (r *Runner) ingestGroup(ctx context.Context, reqs []*ingestReq) error {
	now := r.clk.Now()
	for _, q := range reqs {
		q.ids, q.rejected = nil, nil
		if q.pre == nil {
			r.prepare(q)
		}
	}
	sqlTx, err := r.st.Begin(ctx)
	if err != nil {
		return err
	}
	tx := newWriteTx(ctx, sqlTx)
	defer func() {
		if tx != nil {
			tx.Rollback()
		}
	}()
	// Which contact ids and emails exist, and which event ids were already
	// received: a few queries of up to 500 values each, for the whole group.
	var byID []any
	emails := map[string]int64{}
	var byEmail []any
	extIDs := map[string][]any{} // source → sender ids
	for _, q := range reqs {
		for i := range q.evs {
			in := &q.evs[i]
			if q.pre[i] != nil {
				continue
			}
			if in.ContactID != 0 {
				byID = append(byID, in.ContactID)
			} else if in.Email != "" {
				if e := normEmail(in.Email); e != "" {
					if _, ok := emails[e]; !ok {
						emails[e] = 0
						byEmail = append(byEmail, e)
					}
				}
			}
			if in.ID != "" {
				src := sourceOf(q, in)
				extIDs[src] = append(extIDs[src], in.ID)
			}
		}
	}
	known := map[int64]bool{}
	err = inChunks(ctx, tx, `SELECT id FROM contacts WHERE id IN `, "", byID, func(sc func(...any) error) error {
		var id int64
		err := sc(&id)
		known[id] = true
		return err
	})
	if err != nil {
		return err
	}
	err = inChunks(ctx, tx, `SELECT id, email FROM contacts WHERE email IN `, "", byEmail, func(sc func(...any) error) error {
		var id int64
		var e string
		err := sc(&id, &e)
		emails[normEmail(e)] = id
		return err
	})
	if err != nil {
		return err
	}
	type seenKey struct{ source, id string }
	seen := map[seenKey]bool{}
	for src, list := range extIDs {
		err = inChunks(ctx, tx, `SELECT ext_id FROM event_ids WHERE source=? AND ext_id IN `, src, list, func(sc func(...any) error) error {
			var id string
			err := sc(&id)
			seen[seenKey{src, id}] = true
			return err
		})
		if err != nil {
			return err
		}
	}

	// Check every event; only accepted ones go further (and only they may
	// create a contact).
	var acc []accepted
	for _, q := range reqs {
		for i := range q.evs {
			in := &q.evs[i]
			reject := func(err error) { q.rejected = append(q.rejected, IngestError{i, err}) }
			if q.pre[i] != nil {
				reject(q.pre[i])
				continue
			}
			a := accepted{q: q, in: in, props: q.props[i], at: in.At, cid: in.ContactID}
			switch {
			case a.cid != 0 && !known[a.cid]:
				reject(fmt.Errorf("contact %d does not exist", a.cid))
				continue
			case a.cid == 0 && in.Email == "":
				reject(errors.New("no contact: give contact_id or email"))
				continue
			case a.cid == 0:
				a.cid = emails[normEmail(in.Email)]
				if a.cid == 0 && !in.CreateContact {
					reject(fmt.Errorf("contact %q: %w", in.Email, store.ErrNotFound))
					continue
				}
			}
			if in.ID != "" {
				k := seenKey{sourceOf(q, in), in.ID}
				if seen[k] {
					reject(fmt.Errorf("%w: id %q was already received", ErrDuplicate, in.ID))
					continue
				}
				seen[k] = true
				a.dedupe = true
			}
			if a.at.IsZero() {
				a.at = now
			}
			acc = append(acc, a)
		}
	}

	if len(acc) > 0 {
		// Each event's id is known before it is written (the answer
		// lists them, event_ids keeps them): the ids are reserved first,
		// one per event and one per contact created.
		created := map[string]bool{}
		for _, a := range acc {
			if e := normEmail(a.in.Email); a.cid == 0 && emails[e] == 0 {
				created[e] = true
			}
		}
		ids, err := reserveEventIDs(ctx, tx, len(acc)+len(created))
		if err != nil {
			return err
		}
		nextID := func() int64 { id := ids[0]; ids = ids[1:]; return id }
		evBuf := newRowBuffer("events", []string{"id", "contact_id", "type", "props", "at", "received_at", "source"}, "")
		idBuf := newRowBuffer("event_ids", []string{"source", "ext_id", "event_id", "received_at"}, "")
		nowMS := store.MS(now)
		for _, a := range acc {
			if a.cid == 0 {
				e := normEmail(a.in.Email)
				if a.cid = emails[e]; a.cid == 0 {
					// New contacts are written at once (their id is needed).
					c := &contact.Contact{Email: e, Identity: a.in.Identity}
					id, err := store.InsertContact(ctx, tx, c, now)
					if err != nil {
						return err
					}
					a.cid, emails[e] = id, id
					evBuf.add(nextID(), id, contact.EventContactCreated, "{}", nowMS, nowMS, a.q.source)
				}
			}
			src := sourceOf(a.q, a.in)
			id := nextID()
			evBuf.add(id, a.cid, a.in.Type, a.props, store.MS(a.at), nowMS, src)
			if a.dedupe {
				idBuf.add(src, a.in.ID, id, nowMS)
			}
			a.q.ids = append(a.q.ids, id)
		}
		b := &batch{ctx: ctx, tx: tx}
		b.flushBuffer(evBuf)
		b.flushBuffer(idBuf)
	}
	if err := r.pruneEventIDs(ctx, tx, now); err != nil {
		return err
	}
	t := tx
	tx = nil
	return t.Commit()
}

// pruneEventIDs forgets event ids older than DedupeWindow, at most once per
// prunePeriod (the index on received_at makes it a range delete).
func (r *Runner) pruneEventIDs(ctx context.Context, tx *writeTx, now time.Time) error {
	g := &r.intake
	g.mu.Lock()
	due := now.Sub(g.lastPrune) >= prunePeriod || now.Before(g.lastPrune)
	if due {
		g.lastPrune = now
	}
	g.mu.Unlock()
	if !due {
		return nil
	}
	_, err := store.With(tx).Exec(ctx, "prune-event-ids", store.MS(now.Add(-DedupeWindow)))
	return err
}

// inChunks runs head + "(?,?,…)" over vals, 500 at a time, after an
// optional first argument, and calls row for every row.
func inChunks(ctx context.Context, tx *writeTx, head string, first any, vals []any, row func(scan func(...any) error) error) error {
	for start := 0; start < len(vals); start += 500 {
		chunk := vals[start:min(start+500, len(vals))]
		args := chunk
		if first != "" {
			args = append([]any{first}, chunk...)
		}
		rows, err := tx.QueryContext(ctx, head+`(`+strings.TrimSuffix(strings.Repeat("?,", len(chunk)), ",")+`)`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := row(rows.Scan); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// reserveEventIDs returns n ids for events about to be written in tx, in
// increasing order. In a workspace file the transaction holds the only
// write lock: the ids follow the largest one. On PostgreSQL other engines
// write events at the same time, without a lock between them (see
// store/events.go): the ids come from the events' sequence, each given
// once, in order but not always consecutive.
func reserveEventIDs(ctx context.Context, tx *writeTx, n int) ([]int64, error) {
	rows, err := store.With(tx).Query(ctx, "reserve-event-ids", n)
	if err != nil {
		return nil, fmt.Errorf("event ids: %w", err)
	}
	defer rows.Close()
	ids := make([]int64, 0, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("event ids: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("event ids: %w", err)
	}
	if len(ids) != n {
		return nil, fmt.Errorf("event ids: %d reserved of %d", len(ids), n)
	}
	return ids, nil
}
