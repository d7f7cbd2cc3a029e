package runner

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/journey"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
	"flightplan/engine/words"
)

// OutboxPayload is what a delivery worker needs to send one message.
type OutboxPayload struct {
	Template  string         `json:"template,omitempty"`
	To        string         `json:"to,omitempty"`
	Subject   string         `json:"subject,omitempty"`
	Message   string         `json:"message,omitempty"`
	URL       string         `json:"url,omitempty"`
	FlowID    string         `json:"flow"`
	Node      string         `json:"node"`
	Marketing bool           `json:"marketing"`
	Event     map[string]any `json:"event,omitempty"`
}

// The batch is where live journeys live: it implements journey.Data over
// the workspace, inside its write transaction. The rules themselves are in
// engine/journey; what follows only reads and writes.
var _ journey.Data[*enrollment, *compiled] = (*batch)(nil)

// State is the journey's rule state.
func (b *batch) State(e *enrollment) *journey.State { return &e.State }

// Now is the batch's time.
func (b *batch) Now() time.Time { return b.now }

// Rules is the policy read when the batch began.
func (b *batch) Rules() *journey.Rules { return &b.rules }

// MaxSteps is Options.MaxStepsPerVisit.
func (b *batch) MaxSteps() int { return b.r.opts.MaxStepsPerVisit }

// Reasons: the live journal always keeps them.
func (b *batch) Reasons() bool { return true }

// FlowID is the flow's id.
func (b *batch) FlowID(fl *compiled) string { return fl.f.ID }

// FlowOf is the flow version the journey runs.
func (b *batch) FlowOf(e *enrollment) (*compiled, error) { return b.r.flowVersion(e.FlowID, e.Version) }

// Flows are the published flows in trigger order.
func (b *batch) Flows() []*compiled {
	b.r.mu.Lock()
	defer b.r.mu.Unlock()
	return b.r.published
}

// Flow is a published flow by id.
func (b *batch) Flow(id string) (*compiled, bool) {
	b.r.mu.Lock()
	defer b.r.mu.Unlock()
	var fl *compiled
	for _, p := range b.r.published {
		if p.f.ID == id {
			fl = p
		}
	}
	return fl, fl != nil
}

// Step prepares the step of the node the journey is at.
func (b *batch) Step(fl *compiled, e *enrollment, c *contact.Contact, ev *contact.Event, resume *nodes.Resume) (*nodes.Ctx, nodes.Executor, error) {
	// A parked step's answer is for the journey's first step only.
	if !b.replayArmed {
		b.replay = nil
	}
	b.replayArmed = false
	n := fl.f.Node(e.Node)
	spec := fl.specs[e.Node]
	if n == nil || spec == nil {
		return nil, nil, fmt.Errorf("flow %q: step %q does not exist in version %d", fl.f.ID, e.Node, fl.version)
	}
	loc := b.Location(c)
	if tz := fl.f.Settings.Timezone; c.Identity["timezone"] == "" && tz != "" {
		if l := b.location(tz); l != nil {
			loc = l
		}
	}
	nc := &nodes.Ctx{Context: b.ctx, Flow: fl.f, Node: n, Spec: spec, Contact: c, Event: ev, Now: b.now,
		EnrollmentID: e.ID, EnteredAt: store.FromMS(e.EnteredAt), Run: e.Run, Resumed: resume, Location: loc, Env: (*env)(b), Lang: b.rules.Lang}
	return nc, spec.Executor(), nil
}

// location is a timezone by name, read once per batch (nil when unknown).
func (b *batch) location(tz string) *time.Location {
	if l, ok := b.locs[tz]; ok {
		return l
	}
	l, err := time.LoadLocation(tz)
	if err != nil {
		l = nil
	}
	if b.locs == nil {
		b.locs = map[string]*time.Location{}
	}
	b.locs[tz] = l
	return l
}

// Location is the contact's timezone, UTC when it has none.
func (b *batch) Location(c *contact.Contact) *time.Location {
	if tz := c.Identity["timezone"]; tz != "" {
		if l := b.location(tz); l != nil {
			return l
		}
	}
	return time.UTC
}

// Next reports whether the port leads somewhere.
func (b *batch) Next(fl *compiled, e *enrollment, port string) bool {
	b.nextNode = fl.f.Next(e.Node, port)
	return b.nextNode != ""
}

// Move follows the port Next was asked about.
func (b *batch) Move(fl *compiled, e *enrollment, port string) { e.Node = b.nextNode }

// Journal buffers the step's row.
func (b *batch) Journal(fl *compiled, e *enrollment, port string, reason words.Reason, outcome string) error {
	return b.journal(e, e.Node, port, reason, outcome)
}

// Save buffers the journey's row.
func (b *batch) Save(fl *compiled, e *enrollment) error { return b.save(e) }

// Park saves the journey before its script step (see park.go).
func (b *batch) Park(fl *compiled, e *enrollment, ev *contact.Event) error { return b.park(e, ev) }

// Resume counts a journey taken up again.
func (b *batch) Resume(e *enrollment, ev *contact.Event) *nodes.Resume {
	b.stats.Resumed++
	return &nodes.Resume{ByEvent: ev != nil, Event: ev, WaitStart: store.FromMS(e.WaitStart)}
}

// Reentry is the flow's re-entry rule.
func (b *batch) Reentry(fl *compiled) (string, time.Duration, error) {
	mode := fl.f.Settings.Reentry
	if mode != flow.ReentryPerPeriod {
		return mode, 0, nil
	}
	d, err := flow.ParseDuration(fl.f.Settings.ReentryPeriod)
	if err != nil {
		return mode, 0, fmt.Errorf("flow %q: re-entry period: %w", fl.f.ID, err)
	}
	return mode, d, nil
}

// Tally is the contact's journeys through the flow so far.
func (b *batch) Tally(fl *compiled, c *contact.Contact) (int, int, int64, error) {
	t, err := b.tally(fl.f.ID, c.ID)
	if err != nil {
		return 0, 0, 0, err
	}
	return t.runs, t.open, t.last, nil
}

// Begin creates a journey at a trigger.
func (b *batch) Begin(fl *compiled, t int, c *contact.Contact, run int, ev *contact.Event) (*enrollment, error) {
	e := &enrollment{FlowID: fl.f.ID, Version: fl.version, ContactID: c.ID, Node: fl.triggers[t].ID,
		State: journey.State{Run: run, Status: journey.Active, EnteredAt: store.MS(b.now)}}
	if ev != nil {
		e.EventID = ev.ID
	}
	if err := b.save(e); err != nil {
		return nil, err
	}
	b.stats.Enrolled++
	return e, nil
}

// Match is the first of the flow's triggers the event starts.
func (b *batch) Match(fl *compiled, c *contact.Contact, ev *contact.Event) int {
	for i, t := range fl.triggers {
		if fl.specs[t.ID].Matches(t, ev, c) {
			return i
		}
	}
	return -1
}

// FromFlow is the flow's "comes from another funnel" trigger.
func (b *batch) FromFlow(fl *compiled) int {
	at := -1
	for i, t := range fl.triggers {
		if t.Type == "trigger.from_flow" {
			at = i
		}
	}
	return at
}

// Depth counts go-to-flow nesting in the batch.
func (b *batch) Depth() *int { return &b.depth }

// Open are the contact's open journeys. On PostgreSQL they are locked
// until the batch commits: another engine may be waking one of them (its
// batch holds the journey from its claim), and this batch then waits for
// it and reads where the journey went, instead of moving it on a second
// time from where it was. (Until events could be written by several
// engines at once, the events lock turned that meeting into a deadlock,
// which PostgreSQL broke.)
func (b *batch) Open(c *contact.Contact) ([]*enrollment, error) {
	if js, ok := b.openOf[c.ID]; ok {
		return js, nil
	}
	lock := ""
	if store.DialectOf(b.tx) == store.Postgres {
		lock = " FOR UPDATE"
	}
	return b.queryEnrollments(`contact_id=? AND status IN ('waiting','active') ORDER BY id`+lock, c.ID)
}

// prefetchOpen reads the open journeys of many contacts at once (the
// contacts of a chunk of events), for Open: one query instead of one per
// event, most of which find no journey (a tag or points a journey
// recorded, its journey gone on). A contact's list serves its events until
// one of its journeys is saved (save drops it: the next Open reads them
// again). Locked as Open locks them, in (contact, journey) order.
func (b *batch) prefetchOpen(contactIDs []int64) error {
	var ids []string
	b.openOf = map[int64][]*enrollment{}
	for _, id := range contactIDs {
		if _, seen := b.openOf[id]; !seen {
			b.openOf[id] = nil
			ids = append(ids, itoa(id))
		}
	}
	lock := ""
	if store.DialectOf(b.tx) == store.Postgres {
		lock = " FOR UPDATE"
	}
	es, err := b.queryEnrollments(`contact_id IN (` + strings.Join(ids, ",") + `) AND status IN ('waiting','active') ORDER BY contact_id, id` + lock)
	if err != nil {
		return err
	}
	for _, e := range es {
		b.openOf[e.ContactID] = append(b.openOf[e.ContactID], e)
	}
	return nil
}

// Exits reports an exit event of the flow.
func (b *batch) Exits(fl *compiled, typ string) bool { return contains(fl.f.Settings.ExitOn, typ) }

// GoalFor is a goal downstream of the journey that ev meets.
func (b *batch) GoalFor(fl *compiled, e *enrollment, c *contact.Contact, ev *contact.Event) (int, string, words.Reason) {
	for i, g := range fl.goals {
		if g.ID == e.Node || !fl.reach[e.Node][g.ID] {
			continue
		}
		if ok, why := nodes.GoalMet(fl.specs[g.ID], g, ev, c); ok {
			return i, g.ID, why
		}
	}
	return -1, "", words.Reason{}
}

// Jump moves the journey to a goal.
func (b *batch) Jump(fl *compiled, e *enrollment, goal int) { e.Node = fl.goals[goal].ID }

// Props: live events have their properties already.
func (b *batch) Props(*contact.Event) {}

// Scorer is the workspace's declarative scoring, nil when none.
func (b *batch) Scorer() journey.Scorer {
	b.r.mu.Lock()
	sc := b.r.scorer
	b.r.mu.Unlock()
	if sc == nil {
		return nil
	}
	return sc
}

// Queue buffers an outbox row. Its key names the journey, the step and its
// position in the journey: replaying the same step after a crash hits the
// UNIQUE constraint instead of queueing a second message.
func (b *batch) Queue(fl *compiled, e *enrollment, c *contact.Contact, ef nodes.Effect, sendAt time.Time) error {
	p := OutboxPayload{FlowID: fl.f.ID, Node: e.Node, Marketing: ef.Marketing}
	switch ef.Kind {
	case nodes.EffEmail:
		p.Template = ef.Name
	case nodes.EffNotify:
		p.To = ef.Name
		if m, ok := ef.Value.(map[string]any); ok {
			p.Subject, _ = m["subject"].(string)
			p.Message, _ = m["message"].(string)
		}
	case nodes.EffWebhook:
		p.URL = ef.Name
	}
	body, err := json.Marshal(p)
	if err != nil {
		return err
	}
	key := fmt.Sprintf("%d/%s/%d", e.ID, e.Node, e.Seq+1)
	b.outbox.add(key, string(ef.Kind), c.ID, e.ID, e.Node, string(body), store.MS(sendAt), store.MS(b.now))
	b.stats.Queued++
	return nil
}

// MarketingSince counts the contact's marketing emails in the outbox.
func (b *batch) MarketingSince(c *contact.Contact, since time.Time) (int, error) {
	if err := b.flush(); err != nil {
		return 0, err
	}
	var n int
	err := store.With(b.tx).QueryRow(b.ctx, "marketing-emails-since", c.ID, store.MS(since)).Scan(&n)
	return n, err
}

// AddToList adds a list membership.
func (b *batch) AddToList(c *contact.Contact, list string) (bool, error) {
	return store.AddToList(b.ctx, b.tx, c.ID, list, b.now)
}

// RemoveFromList removes a list membership.
func (b *batch) RemoveFromList(c *contact.Contact, list string) (bool, error) {
	return store.RemoveFromList(b.ctx, b.tx, c.ID, list)
}

// AddTag buffers the tag's row: the contact's tags are loaded with it and
// kept up to date in the batch.
func (b *batch) AddTag(c *contact.Contact, tag string) error {
	b.tags.add(c.ID, tag, store.MS(b.now))
	return nil
}

// RemoveTag deletes the tag, after writing the tags buffered so far.
func (b *batch) RemoveTag(c *contact.Contact, tag string) (bool, error) {
	if err := b.flushBuffer(b.tags); err != nil {
		return false, err
	}
	return store.RemoveTag(b.ctx, b.tx, c.ID, tag)
}

// ScoreChanged buffers the score history row; the contact gets a narrow
// update at commit.
func (b *batch) ScoreChanged(c *contact.Contact, delta float64, cause string) error {
	b.scoreDirty[c.ID] = true
	b.scores.add(c.ID, delta, c.Score, cause, store.MS(b.now))
	return nil
}

// FieldChanged marks the contact to be written whole at commit.
func (b *batch) FieldChanged(c *contact.Contact) error {
	b.dirty[c.ID] = true
	return nil
}

// StageChanged marks the contact to be written whole at commit.
func (b *batch) StageChanged(c *contact.Contact) error {
	b.dirty[c.ID] = true
	return nil
}

// Emit stores an event caused by a step; it is processed like any other
// (other flows' triggers may react), after this batch commits.
func (b *batch) Emit(c *contact.Contact, ev journey.Emission) error {
	m := make(map[string]any, ev.N)
	for i := range ev.Props[:ev.N] {
		m[ev.Props[i].Key] = ev.Props[i].Value()
	}
	return b.bufferEvent(c.ID, ev.Type, m)
}

// GoalReached: the live journal counts goals from its rows.
func (b *batch) GoalReached(*compiled, *enrollment, string) {}
