package script

import (
	"sort"
	"time"
)

// Contact is what a script sees of a contact. The package declares its own
// type (rather than importing the store's) so the sandbox stays a leaf
// package: the runner copies what it has into this shape.
type Contact struct {
	ID          int64
	Email       string
	Fields      map[string]any // custom fields; values are strings, numbers, booleans, times, lists or maps
	Lists       []string
	Tags        []string
	Score       float64
	Temperature string // cold, warm, hot
	Stage       string // lead, MQL, SQL, customer
	Timezone    string // IANA name, e.g. Europe/Paris; empty means UTC
	CreatedAt   time.Time
}

// Event is one thing a contact did (page visit, purchase, email open...).
type Event struct {
	Type  string
	Time  time.Time
	Props map[string]any
}

// EventSource answers the event query helpers (events.count, events.last,
// events.exists). It is declared here, by its consumer, and implemented by the
// store or the runner.
//
// Events returns the contact's events of type typ (every type when typ is
// empty) that happened at or after since, in any order. The sandbox itself
// drops events later than Env.Now, so a simulation running on a virtual clock
// never sees its own future.
type EventSource interface {
	Events(contactID int64, typ string, since time.Time) ([]Event, error)
}

// SliceEvents is an EventSource over an in-memory slice: the history of the
// one contact being evaluated (the contact id is ignored). Tests, the script
// editor's "test run" and examples use it.
type SliceEvents []Event

// Events implements EventSource.
func (s SliceEvents) Events(_ int64, typ string, since time.Time) ([]Event, error) {
	var out []Event
	for _, ev := range s {
		if (typ == "" || ev.Type == typ) && !ev.Time.Before(since) {
			out = append(out, ev)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Time.Before(out[j].Time) })
	return out, nil
}

// Env is everything one evaluation sees. It is passed by value and copied into
// the pooled Lua state, so the caller may reuse it after the call returns.
type Env struct {
	Contact   Contact
	Event     *Event      // the triggering event, or nil
	Events    EventSource // may be nil; the events helpers then fail with a clear error
	Now       time.Time   // virtual in simulation; zero means time.Now()
	Params    map[string]any
	Flow      string
	Node      string
	EnteredAt time.Time // when the contact entered the flow (events "since_entry")
}

// Changes is what an action script asks the runner to apply. The sandbox
// never mutates a contact itself: the runner applies Changes in its own
// transaction and journals them.
type Changes struct {
	Fields      map[string]any
	AddTags     []string
	RemoveTags  []string
	AddLists    []string
	RemoveLists []string
	ScoreDelta  float64
	Stage       string
}

// IsZero reports whether the changes would do nothing.
func (c Changes) IsZero() bool {
	return len(c.Fields) == 0 && len(c.AddTags) == 0 && len(c.RemoveTags) == 0 &&
		len(c.AddLists) == 0 && len(c.RemoveLists) == 0 && c.ScoreDelta == 0 && c.Stage == ""
}

// Output is what an evaluation produced besides its result: the lines the
// script printed (capped, for the editor's test run and the journal) and how
// long it took.
type Output struct {
	Printed []string
	Took    time.Duration
}

// Options tunes an Engine. Zero values mean the defaults below.
type Options struct {
	// Timeout bounds every evaluation (default 50ms). A parent context with an
	// earlier deadline wins.
	Timeout time.Duration
	// Instructions, when positive, caps the Lua VM instructions one
	// evaluation may run (rounded up to a multiple of 1024; the Go helpers
	// that loop — pattern matching, sorting, views — count too). A script
	// that spends it fails with a "timeout" error at the same line on any
	// machine, however busy, which the wall-clock Timeout cannot promise:
	// the simulator sets it (with a Timeout far above it as a safety net)
	// so that the same Config and Seed give the same Result. Zero (the
	// default, for live calls) means no count, only the Timeout.
	Instructions int64
	// CallStackSize caps nested Lua calls (default 200): runaway recursion
	// ends with a "limit" error instead of exhausting memory.
	CallStackSize int
	// RegistrySize is the initial size of each state's value stack (default 1024).
	RegistrySize int
	// RegistryMax caps the value stack's growth (default 65536 values, 1 MiB):
	// unpack() of a huge table or a deep vararg call ends with a "limit" error.
	RegistryMax int
	// MemoryBudget caps the bytes one evaluation may allocate, counted by
	// the library functions, the VM's allocating instructions and the
	// conversion of the result (default 64 MiB, see budget.go). A script
	// that spends it fails with a "limit" error instead of taking the app
	// down with it.
	MemoryBudget int64
	// PoolSize is the number of Lua states kept, and so the number of
	// evaluations that can run at once (default GOMAXPROCS). Callers beyond it
	// wait for a free state.
	PoolSize int
}

// Defaults applied by New.
const (
	DefaultTimeout       = 50 * time.Millisecond
	DefaultCallStackSize = 200
	DefaultRegistrySize  = 1024
	DefaultRegistryMax   = 64 * 1024
)

// Limits on what a script can print: the output is for humans reading a test
// run or a journal entry, not a data channel.
const (
	MaxPrintLines    = 100
	MaxPrintLineSize = 1000
)

// Stats are the engine's counters since New.
type Stats struct {
	StatesCreated int64 // Lua states ever created; stays at most PoolSize unless a state had to be discarded
	Evaluations   int64
	Errors        int64
	Timeouts      int64
	CacheHits     int64 // Compile calls answered from the cache
	CacheMisses   int64
}
