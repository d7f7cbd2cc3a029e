package sim

import (
	"errors"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/journey"
	"flightplan/engine/nodes"
	"flightplan/engine/words"
)

// The worker is where simulated journeys live: it implements journey.Data
// over the current contact's memory. The rules themselves are in
// engine/journey, the same as the live runner's; what follows only keeps
// the state, counts the results and schedules what comes next.
var _ journey.Data[*enrollment, *cflow] = (*worker)(nil)

// State is the journey's rule state.
func (w *worker) State(e *enrollment) *journey.State { return &e.State }

// Now is the simulated clock.
func (w *worker) Now() time.Time { return w.timeNow() }

// Rules is the run's policy.
func (w *worker) Rules() *journey.Rules { return &w.m.rules }

// MaxSteps is Config.MaxStepsPerVisit.
func (w *worker) MaxSteps() int { return w.m.maxSteps }

// Reasons: only a contact whose journal is kept needs them.
func (w *worker) Reasons() bool { return w.journal }

// FlowID is the flow's id.
func (w *worker) FlowID(fl *cflow) string { return fl.f.ID }

// FlowOf is the journey's flow.
func (w *worker) FlowOf(e *enrollment) (*cflow, error) { return e.flow, nil }

// Flows are the run's flows, sorted by id as the live runner tries them.
func (w *worker) Flows() []*cflow { return w.m.flows }

// Flow is a flow of the run by id.
func (w *worker) Flow(id string) (*cflow, bool) {
	fl := w.m.byID[id]
	return fl, fl != nil
}

// LeftOut says whether the funnel id exists but is left out of the run
// (Config.LeftOut): a contact sent to it stops there.
func (w *worker) LeftOut(id string) bool {
	for _, f := range w.m.cfg.LeftOut {
		if f.ID == id {
			return true
		}
	}
	return false
}

// Step fills the worker's one Ctx for the node the journey is at, field by
// field: the context, the contact and the environment never change, and a
// whole-struct copy costs a bulk write barrier whenever the collector runs.
func (w *worker) Step(fl *cflow, e *enrollment, _ *contact.Contact, ev *contact.Event, resume *nodes.Resume) (*nodes.Ctx, nodes.Executor, error) {
	cn := &fl.nodes[e.node]
	w.curFlow, w.curNode = fl.idx, e.node
	x := &w.nctx
	x.Flow, x.Node, x.Spec, x.Event, x.Resumed, x.Location = fl.f, cn.n, cn.spec, ev, resume, w.locFor(fl)
	x.Now, x.EnrollmentID, x.EnteredAt, x.Run, x.Draws = w.timeNow(), e.ID, e.enteredT, e.Run, fl.draws
	return x, cn.exec, nil
}

// Next reports whether the port leads somewhere.
func (w *worker) Next(fl *cflow, e *enrollment, port string) bool {
	w.nextTo, _ = fl.nodes[e.node].next(port)
	return w.nextTo >= 0
}

// Move follows the port Next was asked about.
func (w *worker) Move(fl *cflow, e *enrollment, port string) { e.node = w.nextTo }

// Journal counts the step and keeps it when the journal is on.
func (w *worker) Journal(fl *cflow, e *enrollment, port string, reason words.Reason, outcome string) error {
	w.journalStep(e, e.node, port, reason, outcome)
	return nil
}

// Save schedules the wake-up of a journey that waits for a time.
func (w *worker) Save(fl *cflow, e *enrollment) error {
	if e.Status == journey.Waiting && e.WakeAt != 0 {
		w.push(max(e.WakeAt, w.now), 1, itWake, 0)
	}
	return nil
}

var errNoPark = errors.New("the simulator runs scripts in place and never parks a journey")

// Park never happens: scripts run in place.
func (w *worker) Park(*cflow, *enrollment, *contact.Event) error { return errNoPark }

// Resume counts a journey taken up again, with the worker's one Resume.
func (w *worker) Resume(e *enrollment, ev *contact.Event) *nodes.Resume {
	w.acc.tot.Resumed++
	w.resume = nodes.Resume{ByEvent: ev != nil, Event: ev, WaitStart: msTime(e.WaitStart)}
	return &w.resume
}

// Reentry is the flow's re-entry rule, its period checked at compile time.
func (w *worker) Reentry(fl *cflow) (string, time.Duration, error) {
	return fl.reentry, time.Duration(fl.period) * time.Millisecond, nil
}

// Tally counts the contact's journeys through the flow.
func (w *worker) Tally(fl *cflow, _ *contact.Contact) (runs, open int, last int64, err error) {
	for _, e := range w.enr {
		if e.flow != fl {
			continue
		}
		runs++
		if e.Status.Open() {
			open++
		}
		last = max(last, e.EnteredAt)
	}
	return runs, open, last, nil
}

// Begin starts a journey and counts it.
func (w *worker) Begin(fl *cflow, t int, _ *contact.Contact, run int, _ *contact.Event) (*enrollment, error) {
	var e *enrollment
	if k := len(w.enrPool); k > 0 {
		e = w.enrPool[k-1]
		w.enrPool = w.enrPool[:k-1]
	} else {
		e = &enrollment{}
	}
	// Visited-node bitsets share one slice per contact; a journey's slice
	// is cut with its capacity so appends for later journeys never alias it.
	off := len(w.bits)
	for range fl.words {
		w.bits = append(w.bits, 0)
	}
	*e = enrollment{State: journey.State{ID: int64(len(w.enr) + 1), Run: run, Status: journey.Active, EnteredAt: w.now},
		enteredT: w.timeNow(), flow: fl, node: fl.triggers[t], visited: w.bits[off:len(w.bits):len(w.bits)]}
	w.enr = append(w.enr, e)
	fa := &w.acc.flows[fl.idx]
	fa.enrolled++
	if run == 1 {
		fa.contacts++
	}
	w.acc.tot.Enrollments++
	if d := w.dayOf(w.now); d >= 0 {
		w.acc.days[d].entered++
	}
	return e, nil
}

// Match is the first of the flow's triggers the event starts; triggers
// that wait for another event type are passed over without laying out
// the event's properties.
func (w *worker) Match(fl *cflow, c *contact.Contact, ev *contact.Event) int {
	for i, t := range fl.triggers {
		cn := &fl.nodes[t]
		if cn.on != ev.Type && cn.on != "*" {
			continue
		}
		w.Props(ev)
		if cn.spec.Matches(cn.n, ev, c) {
			return i
		}
	}
	return -1
}

// FromFlow is the flow's "comes from another funnel" trigger.
func (w *worker) FromFlow(fl *cflow) int { return int(fl.fromFlow) }

// Depth counts go-to-flow nesting.
func (w *worker) Depth() *int { return &w.depth }

// Open are the contact's journeys (closed ones are passed over).
func (w *worker) Open(*contact.Contact) ([]*enrollment, error) { return w.enr, nil }

// Exits reports an exit event of the flow.
func (w *worker) Exits(fl *cflow, typ string) bool { return fl.exits(typ) }

// GoalFor returns a goal downstream of the journey's position that ev
// meets. GoalMet looks at the event only when it is of the goal's type,
// and at the contact's tags and lists otherwise.
func (w *worker) GoalFor(fl *cflow, e *enrollment, c *contact.Contact, ev *contact.Event) (int, string, words.Reason) {
	for i, g := range fl.goals {
		if g == e.node || fl.reach[e.node][g/64]&(1<<(g%64)) == 0 {
			continue
		}
		cn := &fl.nodes[g]
		if cn.on == ev.Type {
			w.Props(ev)
		} else if !cn.byState {
			continue // only its own event type could meet it
		}
		if ok, why := nodes.GoalMet(cn.spec, cn.n, ev, c); ok {
			return i, cn.n.ID, why
		}
	}
	return -1, "", words.Reason{}
}

// Jump moves the journey to a goal.
func (w *worker) Jump(fl *cflow, e *enrollment, goal int) { e.node = fl.goals[goal] }

// Props lays out the properties of the event being handled.
func (w *worker) Props(ev *contact.Event) {
	if ev == w.evCur && !w.evFull {
		w.fillProps(w.evHi, ev, w.propsA)
		w.evFull = true
	}
}

// Scorer is the run's declarative scoring, nil when none.
func (w *worker) Scorer() journey.Scorer { return w.m.scorer }

// Location is the contact's timezone, UTC when it has none.
func (w *worker) Location(*contact.Contact) *time.Location { return w.cloc }

// Queue puts an email in the outbox and schedules its delivery; alerts
// and webhooks are counted.
func (w *worker) Queue(fl *cflow, e *enrollment, _ *contact.Contact, ef nodes.Effect, sendAtT time.Time) error {
	switch ef.Kind {
	case nodes.EffNotify:
		w.acc.tot.Notifications++
		return nil
	case nodes.EffWebhook:
		w.acc.tot.Webhooks++
		return nil
	}
	sendAt := sendAtT.UnixMilli()
	cn := &fl.nodes[e.node]
	node := cn.idx
	nth := 0
	for i := range w.outbox {
		if w.outbox[i].enr == e.ID && w.outbox[i].node == node {
			nth++
		}
	}
	w.outbox = append(w.outbox, msg{enr: e.ID, flow: fl, node: node, created: w.now, sendAt: sendAt, marketing: ef.Marketing, nth: nth, run: e.Run})
	if w.taping {
		w.tp.msgs = append(w.tp.msgs, w.outbox[len(w.outbox)-1])
	}
	w.acc.tot.EmailsQueued++
	if cn.email >= 0 {
		ea := &w.acc.emails[cn.email]
		ea.queued++
		if sendAt > w.now {
			ea.deferred++
		}
	}
	if !w.m.scripted || w.m.cfg.Relay != "" {
		w.push(sendAt, 2, itDeliver, int32(len(w.outbox)-1))
	}
	return nil
}

// MarketingSince counts the contact's marketing emails queued after since
// that did not fail or bounce.
func (w *worker) MarketingSince(_ *contact.Contact, since time.Time) (int, error) {
	after := since.UnixMilli()
	n := 0
	for i := range w.outbox {
		m := &w.outbox[i]
		if m.marketing && m.created > after && m.status != msgFailed && m.status != msgBounced {
			n++
		}
	}
	return n, nil
}

// AddToList reports whether the contact was not in the list yet.
func (w *worker) AddToList(c *contact.Contact, list string) (bool, error) {
	return !contains(c.Lists, list), nil
}

// RemoveFromList reports whether the contact was in the list.
func (w *worker) RemoveFromList(c *contact.Contact, list string) (bool, error) {
	return contains(c.Lists, list), nil
}

// AddTag: the contact's tags are its memory.
func (w *worker) AddTag(*contact.Contact, string) error { return nil }

// RemoveTag reports whether the contact had the tag.
func (w *worker) RemoveTag(c *contact.Contact, tag string) (bool, error) {
	return contains(c.Tags, tag), nil
}

// ScoreChanged: the score is the contact's memory.
func (w *worker) ScoreChanged(*contact.Contact, float64, string) error { return nil }

// FieldChanged refreshes what derives from the contact's fields.
func (w *worker) FieldChanged(*contact.Contact) error {
	w.contactChanged()
	return nil
}

// StageChanged: the stage is the contact's memory.
func (w *worker) StageChanged(*contact.Contact) error { return nil }

// Emit puts an event caused by a step in the history, strings boxed
// without allocating when they are the node's or the flow's own.
func (w *worker) Emit(_ *contact.Contact, ev journey.Emission) error {
	r := evRec{at: w.now, typ: ev.Type}
	for i := range ev.Props[:ev.N] {
		p := &ev.Props[i]
		switch p.Kind {
		case journey.PropNumber:
			w.num(&r, p.Key, p.N)
		case journey.PropString:
			w.prop(&r, p.Key, w.box(p.S))
		default:
			w.prop(&r, p.Key, p.V)
		}
	}
	w.emitRec(r)
	return nil
}

func (w *worker) box(s string) any {
	if w.curFlow >= 0 {
		fl := w.m.flows[w.curFlow]
		if cn := &fl.nodes[w.curNode]; s == cn.name {
			return cn.nameAny
		}
		if s == fl.f.ID {
			return fl.idAny
		}
	}
	return box(s)
}

// GoalReached counts the goal and the time it took.
func (w *worker) GoalReached(fl *cflow, e *enrollment, _ string) {
	if cn := &fl.nodes[e.node]; cn.goal >= 0 {
		w.acc.goalTimes[cn.goal] = append(w.acc.goalTimes[cn.goal], w.now-e.EnteredAt)
	}
	e.goal = true
	w.goals++
	if d := w.dayOf(w.now); d >= 0 {
		w.acc.days[d].goals++
	}
}
