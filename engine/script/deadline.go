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

	// armed holds the current evaluation's generation while it runs and 0
	// between evaluations, so that a timer or a parent cancellation left over
	// from an earlier evaluation cannot end a later one.
	armed atomic.Uint64
	gen   uint64
	at    atomic.Int64 // deadline, in monoNow units

	mu         sync.Mutex // guards parent and err against the callbacks
	parent     context.Context
	err        error
	stopParent func() bool
}

// monoBase anchors monoNow: time.Since on a monotonic time reads the clock
// once, where time.Now reads it twice (wall and monotonic), and clock reads
// are a visible share of a sub-microsecond evaluation on some machines.
var monoBase = time.Now()

// monoNow is a monotonic clock reading.
func monoNow() time.Duration { return time.Since(monoBase) }

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
func (d *deadline) arm(parent context.Context, start time.Duration, timeout time.Duration) error {
	if err := parent.Err(); err != nil {
		return err
	}
	if pd, ok := parent.Deadline(); ok {
		if left := time.Until(pd); left < timeout {
			timeout = max(left, 0)
		}
	}
	d.gen++
	gen := d.gen
	d.at.Store(int64(start + timeout))
	d.mu.Lock()
	d.parent, d.err = parent, nil
	d.mu.Unlock()
	d.fired.Store(false)
	d.armed.Store(gen)
	d.timer.Reset(timeout)
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
	d.armed.Store(0)
	if !d.fired.Load() {
		return false, nil
	}
	d.mu.Lock()
	err := d.err
	d.parent = context.Background()
	d.mu.Unlock()
	return true, err
}

// fire runs on the timer's goroutine. A late firing left over from an
// earlier evaluation is ignored because the current evaluation's deadline
// has not passed yet: Go timers never fire early.
func (d *deadline) fire() {
	gen := d.armed.Load()
	if gen == 0 || monoNow() < time.Duration(d.at.Load()) {
		return
	}
	d.expire(gen, context.DeadlineExceeded)
}

// cancel runs when the parent context is canceled.
func (d *deadline) cancel(gen uint64, err error) { d.expire(gen, err) }

func (d *deadline) expire(gen uint64, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.armed.Load() != gen || d.fired.Load() {
		return
	}
	d.err = err
	d.fired.Store(true)
}

// Deadline implements context.Context.
func (d *deadline) Deadline() (time.Time, bool) {
	return monoBase.Add(time.Duration(d.at.Load())), true
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
