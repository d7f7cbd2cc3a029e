package script

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// deadline is the context each pooled Lua state runs under, re-armed for
// every evaluation and handed to LState.SetContext per call.
//
// Why not context.WithTimeout per call: it allocates a timer context and a
// runtime timer every time, several hundred nanoseconds
// (BenchmarkDeadlineStdContext), a large share of the ~1µs budget of a
// typical scoring rule. gopher-lua only ever polls Done() between VM
// instructions, so one context per state, re-armed with one reusable
// time.Timer, gives the same guarantee with no allocation.
//
// Done returns nil until the deadline fires and a closed channel after: the
// VM's per-instruction `select` on a nil channel is the cheapest possible
// check (an open channel costs a runtime channel receive on every
// instruction, about 6% of a typical evaluation). This bends the
// context.Context rule that Done returns the same value on every call, which
// is why a deadline is never handed to anything but the state it belongs to,
// and only while an evaluation runs.
type deadline struct {
	timer *time.Timer
	fired atomic.Bool // read by Done on every VM instruction

	mu         sync.Mutex // guards the fields below against the timer and parent callbacks
	parent     context.Context
	active     bool
	gen        uint64
	at         time.Time
	err        error
	stopParent func() bool
}

// closedChan is what Done returns once a deadline has fired.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

func newDeadline() *deadline {
	d := &deadline{parent: context.Background()}
	d.timer = time.AfterFunc(time.Hour, d.fire)
	d.timer.Stop()
	return d
}

// arm starts an evaluation: it must end within timeout of start, or by the
// parent's deadline if that is earlier; cancelling the parent ends it too.
// It returns the parent's error if the parent is already done.
func (d *deadline) arm(parent context.Context, start time.Time, timeout time.Duration) error {
	if err := parent.Err(); err != nil {
		return err
	}
	at := start.Add(timeout)
	if pd, ok := parent.Deadline(); ok && pd.Before(at) {
		at = pd
	}
	d.mu.Lock()
	d.gen++
	gen := d.gen
	d.parent, d.at, d.err, d.active = parent, at, nil, true
	d.fired.Store(false)
	d.mu.Unlock()
	d.timer.Reset(at.Sub(start))
	if parent.Done() != nil {
		// Only a cancellable parent costs an allocation; the background
		// context of a simulation or a benchmark costs nothing here.
		d.stopParent = context.AfterFunc(parent, func() { d.cancel(gen, parent.Err()) })
	}
	return nil
}

// disarm ends the evaluation and reports whether the deadline (or the
// parent) fired while it ran, with the reason.
func (d *deadline) disarm() (bool, error) {
	d.timer.Stop()
	if d.stopParent != nil {
		d.stopParent()
		d.stopParent = nil
	}
	d.mu.Lock()
	fired, err := d.fired.Load(), d.err
	d.active = false
	d.parent = context.Background()
	d.mu.Unlock()
	return fired, err
}

// fire runs on the timer's goroutine. A late firing left over from an
// earlier evaluation is ignored because the current evaluation's deadline
// has not passed yet: Go timers never fire early.
func (d *deadline) fire() {
	d.mu.Lock()
	if d.active && !d.fired.Load() && !time.Now().Before(d.at) {
		d.err = context.DeadlineExceeded
		d.fired.Store(true)
	}
	d.mu.Unlock()
}

// cancel runs when the parent context is canceled.
func (d *deadline) cancel(gen uint64, err error) {
	d.mu.Lock()
	if d.active && !d.fired.Load() && d.gen == gen {
		d.err = err
		d.fired.Store(true)
	}
	d.mu.Unlock()
}

// Deadline implements context.Context.
func (d *deadline) Deadline() (time.Time, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.at, true
}

// Done implements context.Context (see the type's comment).
func (d *deadline) Done() <-chan struct{} {
	if d.fired.Load() {
		return closedChan
	}
	return nil
}

// Err implements context.Context.
func (d *deadline) Err() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

// Value implements context.Context by asking the evaluation's parent.
func (d *deadline) Value(key any) any {
	d.mu.Lock()
	p := d.parent
	d.mu.Unlock()
	return p.Value(key)
}
