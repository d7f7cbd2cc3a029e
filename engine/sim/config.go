package sim

import (
	"context"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/journey"
	"flightplan/engine/nodes"
)

// DefaultStart is where a simulation starts when Config.Start is zero: a
// fixed Monday morning, so the same config gives the same output tomorrow.
var DefaultStart = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// Config is one simulation.
type Config struct {
	// Flows are published together: triggers of every flow listen to every
	// event, and go-to-flow steps reach the flows listed here.
	Flows []*flow.Flow
	// LeftOut are funnels that exist but do not run (a draft not finished
	// yet): a step may still send contacts to one, and the contact stops
	// there with words.FunnelLeftOut, as the marketer works on it.
	LeftOut []*flow.Flow
	// Registry is the node catalogue; nil means nodes.MustRegistry().
	Registry *nodes.Registry
	// Audience is who the synthetic contacts are and how they behave
	// (empty: the DefaultPreset).
	Audience Audience
	// N is the number of contacts. With an audience from real contacts, 0
	// means all of them.
	N int
	// Days is how long the simulated period lasts.
	Days int
	// Seed makes the run reproducible: the same config and seed give the
	// same Result, whatever the number of workers.
	Seed uint64
	// Start is the virtual time at which the period starts (zero: DefaultStart).
	Start time.Time
	// ArrivalWindow spreads arrivals uniformly over this long from Start
	// (zero: every contact arrives at Start).
	ArrivalWindow time.Duration
	// EntryFlows names the flows whose triggers the synthetic contacts go
	// through when they arrive (empty: every flow's). Flows left out are
	// only reached by the events the contacts produce and by go-to-flow.
	EntryFlows []string
	// DrawsAs gives a flow the random draws of another flow id: its
	// contacts react to its emails and take its random splits as they
	// would in that flow (the id of the variant a comparison sets against
	// it). A flow not in the map draws as itself. Draws never depend on
	// the flow's id otherwise than through this key, so a funnel and its
	// unchanged duplicate, drawn as one, give the same numbers.
	DrawsAs map[string]string `json:"-"`
	// Emails are the ids of the workspace's emails; nil: every email a
	// step names exists. A message whose email is not there fails at
	// delivery, with the live worker's words, instead of being sent and
	// opened.
	Emails map[string]bool `json:"-"`
	// Rules are the workspace-wide sending rules.
	Rules Rules `json:"rules"`
	// Journal keeps every step of every contact (Result.Journeys) for the
	// "why did this contact go this way" view; otherwise counts only.
	Journal bool `json:"journal"`
	// JournalLimit keeps the journeys of the first JournalLimit contacts
	// only (0: all): a sample is enough for the "why" view and costs far
	// less memory than a journey per contact of a large audience.
	JournalLimit int `json:"journal_limit,omitempty"`
	// Scripts runs Lua conditions, scoring and actions; nil makes Lua nodes
	// fail with a clear error (the enrollment goes to the error state).
	Scripts ScriptRunner `json:"-"`
	// Segments answers segment conditions; a segment not in the map is an
	// error on the node, never a silent "no". When set, the segments named
	// by "enters a segment" starts are watched as the live runner does:
	// after each batch of steps a contact who starts (stops) matching one
	// gets a segment_entered (segment_left) event; each must be in the map.
	// Without it, contacts enter such flows by a segment_entered event on
	// arrival.
	Segments map[string]func(*contact.Contact) bool
	// Scoring gives lead-score points for events before anything else
	// sees them, as the live runner's declarative scoring does
	// (engine/contacts' Scorer fits); nil: no scoring rules.
	Scoring Scorer `json:"-"`
	// Scripted replaces the synthetic audience by given contacts and given
	// events, with no random behaviour and no simulated delivery: messages
	// stay queued, as in a live engine with no delivery worker. It is the
	// mode that checks the simulator against the live runner.
	Scripted []ScriptedContact `json:"-"`
	// Workers is how many goroutines simulate contacts (0: GOMAXPROCS).
	// Contacts never influence each other, so the result does not depend
	// on it. A ScriptRunner must be safe for concurrent use when it is not 1.
	Workers int `json:"-"`
	// MaxStepsPerVisit stops an enrollment that takes this many steps
	// without waiting (0: 500, as the live runner).
	MaxStepsPerVisit int `json:"-"`
	// Relay, in a scripted run, delivers the queued email at its time as
	// the live delivery worker does, through a relay that answers as said
	// (RelayAccepts, RelayRefuses, RelayBusy), and journals what the live
	// worker journals. "" (the default) delivers nothing. RelayAnswer is
	// what a refusing or busy relay says. Synthetic runs draw their
	// bounces from the audience's behaviour instead.
	Relay       string `json:"-"`
	RelayAnswer string `json:"-"`
	// Progress, when set, is called with the fraction of contacts done
	// (0 to 1), a hundred times at most, never concurrently.
	Progress func(done float64) `json:"-"`
	// tape records the rules' effects, or replays them in their place:
	// the benchmarks' floor (tape.go).
	tape *tape
}

// How the relay of a scripted run answers (Config.Relay).
const (
	RelayAccepts = "accepts"
	RelayRefuses = "refuses" // a 5xx: the address is refused for good
	RelayBusy    = "busy"    // a 4xx at every try
)

// Rules are the workspace policy, the live runner's (journey.Load reads
// a workspace's), given directly.
type Rules = journey.Rules

// ScriptRunner evaluates Lua scripts for nodes. It has the shape of
// runner.ScriptRunner, so the same adapter serves live and simulated runs;
// Lua is the simulator's own adapter over engine/script. ctx is the run's
// context; c, the step's, is reused for the next step and must not be kept
// after the call returns.
type ScriptRunner interface {
	Run(ctx context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error)
}

// Scorer turns an event into lead-score points and their cause. It has the
// shape of runner.Scorer.
type Scorer interface {
	Score(ev *contact.Event) (points float64, cause string)
}

// ScriptedContact is one contact of a scripted run.
type ScriptedContact struct {
	// Contact is copied; its Lists and Tags are memberships it already has
	// (no event). Stage and Temperature default to subscriber and cold.
	Contact *contact.Contact
	// At is when the contact is created: a contact_created event, then a
	// list_joined event per list of Lists, as runner.CreateContact does.
	At    time.Time
	Lists []string
	// Events happen at their time, in order.
	Events []ScriptedEvent
}

// ScriptedEvent is one event of a scripted contact.
type ScriptedEvent struct {
	At    time.Time
	Type  string
	Props map[string]any
	// Flow, when set, stamps Props["enrollment_id"] with the contact's
	// latest journey through that flow at the time of the event, the way a
	// tracked link names the journey of the email it came from.
	Flow string
}

// Duration is a time.Duration written the way marketers write them in
// JSON ("6h", "2d", "90m"); it reads every form flow.ParseDuration reads.
type Duration time.Duration

// D returns d as a Duration.
func D(d time.Duration) Duration { return Duration(d) }

// String writes the duration in the units ParseDuration reads, largest
// first ("2d", "6h", "8d 10h 52m"), so that it reads back exactly.
func (d Duration) String() string {
	td := time.Duration(d)
	if td == 0 {
		return "0m"
	}
	var parts []string
	if td < 0 {
		return td.String()
	}
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{24 * time.Hour, "d"}, {time.Hour, "h"}, {time.Minute, "m"}} {
		if n := td / u.d; n > 0 {
			parts = append(parts, strconv.FormatInt(int64(n), 10)+u.name)
			td -= n * u.d
		}
	}
	if td > 0 {
		parts = append(parts, strconv.FormatFloat(td.Seconds(), 'f', -1, 64)+"s")
	}
	return strings.Join(parts, " ")
}

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "" || s == "0" {
		*d = 0
		return nil
	}
	v, err := flow.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}
