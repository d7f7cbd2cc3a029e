package journey

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/words"
)

// ErrParked is what a step's script call returns, wrapped, when the script
// cannot run now (the live runner runs no script while it holds the write
// lock): the journey is parked before the step (Data.Park) and the step
// runs again once the script has answered.
var ErrParked = errors.New("script step parked until the write lock is released")

// Scorer turns an event into lead-score points and their cause.
type Scorer interface {
	Score(ev *contact.Event) (points float64, cause string)
}

// Data is what the rules need from where journeys live: the live runner's
// batch (a SQLite transaction) and the simulator's world (one simulated
// contact in memory) implement it. J is the implementation's journey (a
// pointer embedding a State), F its prepared flow (a pointer). An error
// from a method is the store's own (a failed query) and stops the batch;
// what a flow gets wrong is decided here and journaled.
//
// The methods are called with a generic Data, one indirect call each, so
// an implementation keeps its own representation (node ids or indexes,
// buffered rows or arrays) with no conversion per step.
type Data[J, F any] interface {
	// State is j's part the rules read and change.
	State(j J) *State
	// Now is the time of the batch (live) or of the simulated clock.
	Now() time.Time
	// Rules is the workspace policy.
	Rules() *Rules
	// MaxSteps is how many steps one visit may take without a wait.
	MaxSteps() int
	// Reasons is false when nobody reads the journal's reasons (a
	// simulation counting only): reasons are then not written.
	Reasons() bool

	// FlowID names a flow in messages.
	FlowID(fl F) string
	// FlowOf is the flow version j runs.
	FlowOf(j J) (F, error)
	// Flows are the published flows, in the order their starts are tried.
	Flows() []F
	// Flow is a published flow by id.
	Flow(id string) (F, bool)

	// Step is the context and executor of the node j is at, the context
	// filled for contact c (its flow, node, spec, event, resume, time,
	// journey and location). An error when fl has no such node.
	Step(fl F, j J, c *contact.Contact, ev *contact.Event, resume *nodes.Resume) (*nodes.Ctx, nodes.Executor, error)
	// Next reports whether port of j's node leads to a node.
	Next(fl F, j J, port string) bool
	// Move puts j on the node port of its node leads to; it comes right
	// after Next asked about the same port, whose answer it may reuse.
	Move(fl F, j J, port string)
	// Journal records one step of j at its node.
	Journal(fl F, j J, port string, reason words.Reason, outcome string) error
	// Save records j's new state (a wait, an end, an exit).
	Save(fl F, j J) error
	// Park saves j before its step, whose script runs outside the batch.
	Park(fl F, j J, ev *contact.Event) error
	// Resume counts j taken up again (by its time or by ev) and returns
	// what its step is told.
	Resume(j J, ev *contact.Event) *nodes.Resume

	// Reentry is fl's re-entry rule (flow.Reentry*) and period.
	Reentry(fl F) (mode string, period time.Duration, err error)
	// Tally is c's journeys through fl so far: how many, how many open,
	// and when the last one started (Unix ms).
	Tally(fl F, c *contact.Contact) (runs, open int, last int64, err error)
	// Begin starts run number run of c through fl at trigger number t of
	// fl (Active, entered now, on ev), saves and counts it.
	Begin(fl F, t int, c *contact.Contact, run int, ev *contact.Event) (J, error)
	// Match is the number of fl's first trigger that ev starts for c, -1
	// when none does.
	Match(fl F, c *contact.Contact, ev *contact.Event) int
	// FromFlow is the number of fl's "comes from another funnel" trigger,
	// -1 when it has none.
	FromFlow(fl F) int
	// Depth counts funnels entering each other within one visit.
	Depth() *int
	// Open are c's open journeys, in the order they started.
	Open(c *contact.Contact) ([]J, error)
	// Exits reports whether fl ends journeys on events of type typ.
	Exits(fl F, typ string) bool
	// GoalFor is a goal downstream of j's node that ev meets for c: its
	// number in fl, its node id and the reason of the jump; -1 when none.
	GoalFor(fl F, j J, c *contact.Contact, ev *contact.Event) (goal int, id string, why words.Reason)
	// Jump puts j on goal number goal of fl.
	Jump(fl F, j J, goal int)
	// Props lays out ev's properties, before anything reads them.
	Props(ev *contact.Event)
	// Scorer is the declarative lead scoring, nil when none.
	Scorer() Scorer

	// Location is c's timezone (UTC when it has none).
	Location(c *contact.Contact) *time.Location
	// Queue puts a message of j's current node in the outbox, to go at sendAt.
	Queue(fl F, j J, c *contact.Contact, ef nodes.Effect, sendAt time.Time) error
	// MarketingSince counts c's marketing emails queued after since and
	// not failed, bounced or skipped.
	MarketingSince(c *contact.Contact, since time.Time) (int, error)
	// AddToList adds c to a list; false when c already was in it.
	AddToList(c *contact.Contact, list string) (bool, error)
	// RemoveFromList takes c out of a list; false when c was not in it.
	RemoveFromList(c *contact.Contact, list string) (bool, error)
	// AddTag stores a tag c does not have yet.
	AddTag(c *contact.Contact, tag string) error
	// RemoveTag removes a tag; false when c did not have it.
	RemoveTag(c *contact.Contact, tag string) (bool, error)
	// ScoreChanged records c's new score (already set) and its cause.
	ScoreChanged(c *contact.Contact, delta float64, cause string) error
	// FieldChanged and StageChanged mark c changed (already set).
	FieldChanged(c *contact.Contact) error
	StageChanged(c *contact.Contact) error
	// Emit stores an event a step caused; it is processed after the
	// events before it.
	Emit(c *contact.Contact, ev Emission) error
	// GoalReached tells that j reached a goal node (the simulator counts it).
	GoalReached(fl F, j J, goal string)
}

// Advance runs journey j of contact c from its node until it waits, parks
// or ends: each step's executor decides, Apply carries out its effects,
// and the step is journaled. ev is the event the visit handles, resume
// set when a wait ends.
func Advance[J, F any, D Data[J, F]](d D, fl F, j J, c *contact.Contact, ev *contact.Event, resume *nodes.Resume) error {
	s := d.State(j)
	s.Status = Active
	s.Resumed = resume != nil
	maxSteps := d.MaxSteps()
	for steps := 0; ; steps++ {
		nc, exec, err := d.Step(fl, j, c, ev, resume)
		if err != nil {
			return Fail(d, fl, j, err, words.R(words.StepFailed, "error", err.Error()))
		}
		n := nc.Node
		if steps >= maxSteps {
			return Fail(d, fl, j, fmt.Errorf("flow %q: node %q (%s): %d steps without a wait: stopped to avoid an endless loop", d.FlowID(fl), n.ID, n.Type, steps),
				words.R(words.StepLoop, "steps", strconv.Itoa(steps)))
		}
		res, err := exec(nc)
		resume = nil
		if err != nil {
			if errors.Is(err, ErrParked) {
				return d.Park(fl, j, ev)
			}
			return Fail(d, fl, j, fmt.Errorf("flow %q: node %q (%s): %w", d.FlowID(fl), n.ID, n.Type, err), stepError(err))
		}
		if res.Port == "" && !res.End && (!res.WaitUntil.IsZero() || res.WaitFor != nil) {
			s.Status, s.WakeAt, s.WaitStart = Waiting, MS(res.WaitUntil), MS(d.Now())
			s.WaitEvent, s.WaitFilter = "", nil
			if res.WaitFor != nil {
				s.WaitEvent, s.WaitFilter = res.WaitFor.EventType, res.WaitFor.Filter
			}
			if err := d.Journal(fl, j, "", res.Reason, OutWait); err != nil {
				return err
			}
			return d.Save(fl, j)
		}
		s.ClearWait()
		outcome := OutOK
		if res.Skipped {
			outcome = OutSkipped
		}
		reason, skipped := res.Reason, false
		if len(res.Effects) > 0 {
			if reason, skipped, err = Apply(d, fl, j, c, &res); err != nil {
				return Fail(d, fl, j, fmt.Errorf("flow %q: node %q (%s): %w", d.FlowID(fl), n.ID, n.Type, err), words.R(words.StepFailed, "error", err.Error()))
			}
		}
		if skipped {
			outcome = OutSkipped
		}
		next := !res.End && d.Next(fl, j, res.Port)
		if !next && outcome != OutSkipped {
			outcome = OutEnd
		}
		if err := d.Journal(fl, j, res.Port, reason, outcome); err != nil {
			return err
		}
		if !next {
			s.Status = Done
			return d.Save(fl, j)
		}
		d.Move(fl, j, res.Port)
	}
}

// stepError is the journal's reason for a step that failed: what went
// wrong, without the ids the error carries for whoever fixes the file.
func stepError(err error) words.Reason {
	var ce *nodes.ConfigError
	if errors.As(err, &ce) {
		return words.R(words.StepFailed, "error", ce.Msg)
	}
	return words.R(words.StepFailed, "error", err.Error())
}

// Fail stops journey j: an error of the flow (a node that fails, an
// endless loop) ends that journey, not the batch. The journey keeps err
// (with the funnel and step ids, for whoever fixes it); the journal gets
// why, which names the step by where it is written, not by its id.
func Fail[J, F any, D Data[J, F]](d D, fl F, j J, err error, why words.Reason) error {
	s := d.State(j)
	s.Status, s.Error, s.WakeAt, s.WaitEvent = Failed, err.Error(), 0, ""
	if jerr := d.Journal(fl, j, "", why, OutError); jerr != nil {
		return jerr
	}
	return d.Save(fl, j)
}

// Enroll starts a journey of c at trigger number t of fl, if fl's
// re-entry rule lets c in: once ever (the default: a welcome series is
// sent once, even after signing up again), always (but never twice at
// once), or once per period.
func Enroll[J, F any, D Data[J, F]](d D, fl F, t int, c *contact.Contact, ev *contact.Event) (bool, error) {
	runs, open, last, err := d.Tally(fl, c)
	if err != nil {
		return false, err
	}
	mode, period, err := d.Reentry(fl)
	if err != nil {
		return false, err
	}
	switch mode {
	case flow.ReentryAlways:
		if open > 0 {
			return false, nil
		}
	case flow.ReentryPerPeriod:
		if open > 0 || (runs > 0 && MS(d.Now()) < last+period.Milliseconds()) {
			return false, nil
		}
	default:
		if runs > 0 {
			return false, nil
		}
	}
	j, err := d.Begin(fl, t, c, runs+1, ev)
	if err != nil {
		return false, err
	}
	return true, Advance(d, fl, j, c, ev, nil)
}

// Wake takes up a journey whose wait ran out.
func Wake[J, F any, D Data[J, F]](d D, fl F, j J, c *contact.Contact) error {
	return Advance(d, fl, j, c, nil, d.Resume(j, nil))
}

// HandleEvent is what an event does to its contact c: declarative scoring
// first (so that starts and checks see the new score; a score change is
// itself an event, not scored again), then each open journey in turn
// (OnEvent), then the flows it starts, one journey per flow at most.
func HandleEvent[J, F any, D Data[J, F]](d D, c *contact.Contact, ev *contact.Event) error {
	if sc := d.Scorer(); sc != nil && ev.Type != contact.EventScoreChanged {
		d.Props(ev)
		if pts, cause := sc.Score(ev); pts != 0 {
			if err := ChangeScore(d, c, pts, cause); err != nil {
				return err
			}
		}
	}
	open, err := d.Open(c)
	if err != nil {
		return err
	}
	for _, j := range open {
		if !d.State(j).Status.Open() {
			continue // closed by an earlier journey's visit, or long ago
		}
		fl, err := d.FlowOf(j)
		if err != nil {
			return err
		}
		if err := onEvent(d, fl, j, d.State(j), c, ev); err != nil {
			return err
		}
	}
	for _, fl := range d.Flows() {
		if t := d.Match(fl, c, ev); t >= 0 {
			if _, err := Enroll(d, fl, t, c, ev); err != nil {
				return err
			}
		}
	}
	return nil
}

// OnEvent is what an event does to an open journey: it leaves on one of its
// flow's exit events; it jumps to a goal downstream that the event meets;
// or, waiting for this event, it goes on.
func OnEvent[J, F any, D Data[J, F]](d D, fl F, j J, c *contact.Contact, ev *contact.Event) error {
	return onEvent(d, fl, j, d.State(j), c, ev)
}

func onEvent[J, F any, D Data[J, F]](d D, fl F, j J, s *State, c *contact.Contact, ev *contact.Event) error {
	if d.Exits(fl, ev.Type) {
		var why words.Reason
		if d.Reasons() {
			why = words.R(words.LeftOnEvent, "event", ev.Type)
		}
		if err := d.Journal(fl, j, "", why, OutExit); err != nil {
			return err
		}
		s.Status, s.WakeAt, s.WaitEvent, s.WaitFilter = Exited, 0, "", nil
		return d.Save(fl, j)
	}
	if g, _, why := d.GoalFor(fl, j, c, ev); g >= 0 {
		if err := d.Journal(fl, j, "", why, OutJump); err != nil {
			return err
		}
		d.Jump(fl, j, g)
		s.Status, s.WakeAt, s.WaitEvent, s.WaitFilter = Active, 0, "", nil
		s.EventID = ev.ID
		d.Props(ev)
		return Advance(d, fl, j, c, ev, nil)
	}
	if s.Status == Waiting && s.WaitEvent == ev.Type {
		d.Props(ev)
		if ev.Matches(s.WaitFilter) && MS(ev.At) >= s.WaitStart-1000 {
			s.EventID = ev.ID
			return Advance(d, fl, j, c, ev, d.Resume(j, ev))
		}
	}
	return nil
}

// Apply carries out a step's effects. It returns the reason to journal
// (the executor's, amended when a rule intervened) and whether the side
// effect was suppressed. An error is the flow's (a tag with no name, an
// unknown stage): the journey fails.
func Apply[J, F any, D Data[J, F]](d D, fl F, j J, c *contact.Contact, res *nodes.Result) (words.Reason, bool, error) {
	reason := res.Reason
	skipped := false
	for _, ef := range res.Effects {
		switch ef.Kind {
		case nodes.EffEmail, nodes.EffNotify, nodes.EffWebhook:
			why, skip, err := queue(d, fl, j, c, ef)
			if err != nil {
				return words.Reason{}, false, err
			}
			if !why.IsZero() {
				reason = why
			}
			skipped = skipped || skip
		case nodes.EffListAdd:
			if strings.TrimSpace(ef.Name) == "" {
				return words.Reason{}, false, fmt.Errorf("a list needs a name")
			}
			added, err := d.AddToList(c, ef.Name)
			if err != nil {
				return words.Reason{}, false, err
			}
			if !added {
				reason = words.R(words.ListAlreadyIn, "list", ef.Name)
				continue
			}
			c.Lists = append(c.Lists, ef.Name)
			if err := d.Emit(c, Emitted(contact.EventListJoined, Str("list", ef.Name), Str("flow", d.FlowID(fl)))); err != nil {
				return words.Reason{}, false, err
			}
		case nodes.EffListRemove:
			removed, err := d.RemoveFromList(c, ef.Name)
			if err != nil {
				return words.Reason{}, false, err
			}
			if removed {
				c.Lists = without(c.Lists, ef.Name)
				if err := d.Emit(c, Emitted(contact.EventListLeft, Str("list", ef.Name), Str("flow", d.FlowID(fl)))); err != nil {
					return words.Reason{}, false, err
				}
			}
		case nodes.EffTagAdd:
			tag := strings.TrimSpace(ef.Name)
			if tag == "" {
				return words.Reason{}, false, fmt.Errorf("a tag needs a name")
			}
			if !hasFold(c.Tags, tag) {
				if err := d.AddTag(c, tag); err != nil {
					return words.Reason{}, false, err
				}
				c.Tags = append(c.Tags, tag)
				if err := d.Emit(c, Emitted(contact.EventTagAdded, Str("tag", tag), Str("flow", d.FlowID(fl)))); err != nil {
					return words.Reason{}, false, err
				}
			}
		case nodes.EffTagRemove:
			removed, err := d.RemoveTag(c, ef.Name)
			if err != nil {
				return words.Reason{}, false, err
			}
			if removed {
				c.Tags = without(c.Tags, ef.Name)
				if err := d.Emit(c, Emitted(contact.EventTagRemoved, Str("tag", ef.Name), Str("flow", d.FlowID(fl)))); err != nil {
					return words.Reason{}, false, err
				}
			}
		case nodes.EffScore:
			delta, _ := ef.Value.(float64)
			if err := ChangeScore(d, c, delta, ef.Name); err != nil {
				return words.Reason{}, false, err
			}
		case nodes.EffSetField:
			if err := setField(d, c, ef.Name, ef.Value); err != nil {
				return words.Reason{}, false, err
			}
		case nodes.EffSetStage:
			old := c.Stage
			rank := stageRank(ef.Name)
			if rank < 0 {
				return words.Reason{}, false, fmt.Errorf("unknown stage %q", ef.Name)
			}
			if rank < stageRank(old) && !d.Rules().StageBackwards {
				reason = words.R(words.StageStays, "stage", old, "asked", ef.Name)
				skipped = true
				continue
			}
			if old != ef.Name {
				c.Stage = ef.Name
				if err := d.StageChanged(c); err != nil {
					return words.Reason{}, false, err
				}
				if err := d.Emit(c, Emitted(contact.EventStageChanged, Str("old", old), Str("new", ef.Name))); err != nil {
					return words.Reason{}, false, err
				}
			}
		case nodes.EffGotoFlow:
			why, err := gotoFlow(d, fl, c, ef.Name)
			if err != nil {
				return words.Reason{}, false, err
			}
			if !why.IsZero() {
				reason = why
			}
		case nodes.EffGoal:
			if err := d.Emit(c, Emitted(contact.EventGoalReached, Str("flow", d.FlowID(fl)), Str("goal", ef.Name))); err != nil {
				return words.Reason{}, false, err
			}
			d.GoalReached(fl, j, ef.Name)
		}
	}
	return reason, skipped, nil
}

// ChangeScore adds delta to c's lead score, with its temperature and
// cause; the change is itself an event.
func ChangeScore[J, F any, D Data[J, F]](d D, c *contact.Contact, delta float64, cause string) error {
	if delta == 0 {
		return nil
	}
	old, oldT := c.Score, c.Temperature
	c.Score += delta
	c.Temperature = d.Rules().Temperature(c.Score)
	if err := d.ScoreChanged(c, delta, cause); err != nil {
		return err
	}
	return d.Emit(c, Emitted(contact.EventScoreChanged, Num("old", old), Num("new", c.Score), Num("delta", delta),
		Str("temperature", c.Temperature), Str("old_temperature", oldT), Str("cause", cause)))
}

func setField[J, F any, D Data[J, F]](d D, c *contact.Contact, name string, v any) error {
	old, _ := c.Get(name)
	switch {
	case name == "email":
		return fmt.Errorf("the email address cannot be changed by a flow")
	case contact.IsIdentity(name):
		c.Identity[name] = contact.ToString(v)
	default:
		if c.Fields == nil {
			c.Fields = map[string]any{}
		}
		c.Fields[name] = v
	}
	if err := d.FieldChanged(c); err != nil {
		return err
	}
	return d.Emit(c, Emitted(contact.EventFieldChanged, Str("field", name), Any("old", old), Any("new", v)))
}

// queue puts a message in the outbox. It is where the rules of who gets
// an email live, the one place every email step goes through: marketing
// email skips contacts who unsubscribed or whose address bounced
// (Suppressed), any email a contact with no address; then marketing email
// keeps to the frequency cap and quiet hours.
func queue[J, F any, D Data[J, F]](d D, fl F, j J, c *contact.Contact, ef nodes.Effect) (words.Reason, bool, error) {
	now := d.Now()
	sendAt := now
	var reason words.Reason
	if ef.Kind == nodes.EffEmail {
		switch {
		case ef.Marketing && c.Unsubscribed:
			return words.R(words.SkipUnsubscribed, "email", ef.Name), true, nil
		case ef.Marketing && c.Bounced:
			return words.R(words.SkipBounced, "email", ef.Name), true, nil
		case c.Email == "":
			return words.R(words.SkipNoAddress, "email", ef.Name), true, nil
		}
	}
	if ef.Kind == nodes.EffEmail && ef.Marketing {
		if why, err := capped(d, c, now); err != nil || !why.IsZero() {
			return why, !why.IsZero(), err
		}
		loc := d.Location(c)
		if at, ok := d.Rules().QuietUntil(now, loc); ok {
			sendAt = at
			if d.Reasons() {
				reason = words.R(words.QuietHours, "email", ef.Name, "at", words.At(at), "tz", words.TZ(loc))
			}
		}
	}
	return reason, false, d.Queue(fl, j, c, ef, sendAt)
}

// capped says why a marketing email may not go now (none when it may).
func capped[J, F any, D Data[J, F]](d D, c *contact.Contact, now time.Time) (words.Reason, error) {
	r := d.Rules()
	for _, w := range [...]struct {
		limit  int
		window time.Duration
		label  string
	}{{r.CapPerDay, 24 * time.Hour, "day"}, {r.CapPerWeek, 7 * 24 * time.Hour, "week"}} {
		if w.limit <= 0 {
			continue
		}
		n, err := d.MarketingSince(c, now.Add(-w.window))
		if err != nil {
			return words.Reason{}, err
		}
		if n >= w.limit {
			return words.R(words.SkipCap, "cap", strconv.Itoa(w.limit), "per", w.label), nil
		}
	}
	return words.Reason{}, nil
}

// gotoFlow sends the contact into another published flow through its
// "comes from another funnel" start.
func gotoFlow[J, F any, D Data[J, F]](d D, from F, c *contact.Contact, target string) (words.Reason, error) {
	fl, ok := d.Flow(target)
	if !ok {
		// A simulation leaves out a funnel whose draft is unfinished; the
		// live runner has no such funnels.
		if lo, can := any(d).(interface{ LeftOut(string) bool }); can && lo.LeftOut(target) {
			return words.R(words.FunnelLeftOut, "funnel", target), nil
		}
		return words.R(words.FunnelNotLive, "funnel", target), nil
	}
	t := d.FromFlow(fl)
	if t < 0 {
		return words.R(words.FunnelNoEntry, "funnel", target), nil
	}
	depth := d.Depth()
	if *depth > 20 {
		return words.Reason{}, fmt.Errorf("funnels send contacts to each other more than 20 times without a wait")
	}
	*depth++
	defer func() { *depth-- }()
	ev := &contact.Event{ContactID: c.ID, Type: contact.EventEnteredFlow, Props: map[string]any{"from": d.FlowID(from)}}
	ok, err := Enroll(d, fl, t, c, ev)
	if err != nil {
		return words.Reason{}, err
	}
	if !ok {
		return words.R(words.FunnelNoReentry, "funnel", target), nil
	}
	return words.Reason{}, nil
}

func hasFold(xs []string, x string) bool {
	for _, s := range xs {
		if strings.EqualFold(s, x) {
			return true
		}
	}
	return false
}

// without is xs less x (any case), in a new slice: the caller's may be shared.
func without(xs []string, x string) []string {
	out := xs[:0:0]
	for _, s := range xs {
		if !strings.EqualFold(s, x) {
			out = append(out, s)
		}
	}
	return out
}

// PropKind says which field of a Prop holds its value.
type PropKind uint8

// Kinds of property values.
const (
	PropString PropKind = iota
	PropNumber
	PropAny
)

// Prop is one property of an event a step emits, unboxed so that an
// implementation that keeps its events compact (the simulator) need not
// allocate for a string or a number.
type Prop struct {
	Key  string
	Kind PropKind
	S    string
	N    float64
	V    any
}

// Str, Num and Any make properties.
func Str(k, v string) Prop         { return Prop{Key: k, Kind: PropString, S: v} }
func Num(k string, v float64) Prop { return Prop{Key: k, Kind: PropNumber, N: v} }
func Any(k string, v any) Prop     { return Prop{Key: k, Kind: PropAny, V: v} }

// Emission is an event a step causes, passed by value: built on the
// stack, it costs no allocation per event.
type Emission struct {
	Type  string
	N     int
	Props [6]Prop
}

// Emitted is an event of type typ with up to six properties.
func Emitted(typ string, props ...Prop) Emission {
	e := Emission{Type: typ, N: len(props)}
	copy(e.Props[:], props)
	return e
}

// Value is the property's value boxed.
func (p *Prop) Value() any {
	switch p.Kind {
	case PropString:
		return p.S
	case PropNumber:
		return p.N
	}
	return p.V
}
