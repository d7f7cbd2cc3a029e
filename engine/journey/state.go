package journey

import (
	"fmt"
	"time"
)

// Status is where a journey stands.
type Status uint8

// Journey statuses. A journey is stored "active" only while it is parked
// before a script step (see engine/runner's park.go) or in the middle of a
// visit; otherwise it waits, or it is over.
const (
	Active Status = iota
	Waiting
	Done
	Exited
	Failed
)

var statusNames = [...]string{Active: "active", Waiting: "waiting", Done: "done", Exited: "exited", Failed: "error"}

// String is the status as stored in the workspace ("active", "waiting",
// "done", "exited", "error").
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("status(%d)", s)
}

// Open reports whether the journey is still going (active or waiting).
func (s Status) Open() bool { return s == Active || s == Waiting }

// ParseStatus reads a stored status.
func ParseStatus(s string) (Status, error) {
	for i, n := range statusNames {
		if n == s {
			return Status(i), nil
		}
	}
	return 0, fmt.Errorf("unknown journey status %q", s)
}

// Journal outcomes of a step.
const (
	OutOK      = "ok"
	OutSkipped = "skipped"
	OutEnd     = "end"
	OutWait    = "wait"
	OutJump    = "jump"
	OutExit    = "exit"
	OutError   = "error"
)

// State is what the rules read and change on a journey, whatever keeps it
// (a row of the workspace, a simulated contact's memory). Both
// implementations embed it in their own journey type, which adds where the
// journey is (a node id, a node index) and how it is stored. Times are
// Unix milliseconds, 0 when unset.
type State struct {
	ID        int64
	Run       int
	Status    Status
	Seq       int // steps journaled so far
	EnteredAt int64
	// A waiting journey wakes at WakeAt (0: no time limit) or on an event
	// of type WaitEvent whose properties match WaitFilter, at or after
	// WaitStart (less a second of clock skew).
	WakeAt     int64
	WaitStart  int64
	WaitEvent  string
	WaitFilter map[string]string
	// EventID is the event the journey last moved on (0 when none).
	EventID int64
	// Error is why the journey stopped, for a failed one.
	Error string
	// Resumed marks that the next step continues a visit (a wait
	// resuming), which the journal does not count as a new visit.
	Resumed bool
}

// ClearWait forgets what the journey was waiting for.
func (s *State) ClearWait() {
	s.WakeAt, s.WaitStart, s.WaitEvent, s.WaitFilter = 0, 0, "", nil
}

// MS is t in Unix milliseconds, 0 for the zero time.
func MS(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// Time is a Unix-millisecond instant as a UTC time, the zero time for 0.
func Time(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}
