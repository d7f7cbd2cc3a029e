package script

import (
	"context"
	"sync"
	"time"
)

// deadline is the context each pooled Lua state runs under, re-armed for
// every evaluation and handed to LState.SetContext per call.
//
// Why not context.WithTimeout per call: it allocates a timer context and a
// runtime timer every time (several hundred nanoseconds, measured by
// BenchmarkDeadline*), which alone would eat a large share of the ~1µs budget
// of a typical scoring rule. gopher-lua only ever polls Done() between VM
// instructions, so one context per state, one reusable time.Timer and one
// channel that is replaced only after it has fired give the same guarantee
// with no allocation on the common path.
//
// It is not a general-purpose context: it is valid only while its state is
// running an evaluation, and must not be handed to other code.
type deadline struct {
	timer *time.Timer

	mu     sync.Mutex // guards everything below against the timer and parent callbacks
	parent context.Context
	done   chan struct{}
	closed bool
	active bool
	gen    uint64
	at     time.Time
	err    error

	stopParent func() bool
}

func newDeadline() *deadline {
	d := &deadline{done: make(chan struct{}), parent: context.Background()}
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
	if d.closed {
		d.done = make(chan struct{})
		d.closed = false
	}
	d.gen++
	gen := d.gen
	d.parent, d.at, d.err, d.active = parent, at, nil, true
	d.mu.Unlock()
	d.timer.Reset(at.Sub(start))
	if parent.Done() != nil {
		// Only a cancellable parent costs an allocation; the background
		// context of a simulation or a test run costs nothing here.
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
	fired, err := d.closed, d.err
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
	if d.active && !d.closed && !time.Now().Before(d.at) {
		d.err = context.DeadlineExceeded
		close(d.done)
		d.closed = true
	}
	d.mu.Unlock()
}

func (d *deadline) cancel(gen uint64, err error) {
	d.mu.Lock()
	if d.active && !d.closed && d.gen == gen {
		d.err = err
		close(d.done)
		d.closed = true
	}
	d.mu.Unlock()
}

// Deadline implements context.Context.
func (d *deadline) Deadline() (time.Time, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.at, true
}

// Done implements context.Context. The channel is only reassigned by arm, on
// the goroutine that also runs the VM, so reading it without the lock is safe.
func (d *deadline) Done() <-chan struct{} { return d.done }

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
