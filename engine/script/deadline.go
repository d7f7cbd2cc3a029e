package script

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// deadline is the context each pooled Lua state runs under, re-armed for
// every evaluation and handed to LState.SetContext per call. gopher-lua
// calls Done() before every VM instruction; that call is the only hook the
// VM offers, so it carries both guards: the deadline and the string size.
//
// Why not context.WithTimeout per call: it allocates a context and a runtime
// timer every time, several hundred nanoseconds (BenchmarkDeadline*), a
// large share of the ~1µs budget of a typical scoring rule. One context and
// one reusable time.Timer per state give the same guarantee with no
// allocation.
//
// Done returns nil while the evaluation may go on and a closed channel once
// it must stop: the VM's per-instruction `select` on a nil channel is the
// cheapest possible check (an open channel costs a runtime channel receive
// on every instruction, about 6% of a typical evaluation). This bends the
// context.Context rule that Done returns the same value on every call, which
// is why a deadline is never handed to anything but its own state, and only
// while an evaluation runs.
//
// String bombs: `s = s .. s` doubles memory with every instruction, so by
// the time a deadline fires a string can be hundreds of megabytes and the
// last concatenation alone can take longer than the budget. An evaluation
// still running after slowAfter (1ms; typical ones take microseconds) is
// switched to a watchful mode in which Done also looks at the current
// function's registers, where every concatenation's result lands, and stops
// the evaluation with a "limit" error once a string exceeds MaxStringLen.
// The peak stays within a few times the limit.
type deadline struct {
	L     *lua.LState
	timer *time.Timer
	mode  atomic.Uint32 // modeRunning, modeWatchful or modeStopped; read on every VM instruction

	// armed holds the current evaluation's generation while it runs and 0
	// between evaluations, so that a timer or a parent cancellation left over
	// from an earlier evaluation cannot end a later one.
	armed     atomic.Uint64
	gen       uint64
	at        atomic.Int64 // deadline, in monoNow units
	slowAfter time.Duration
	budget    time.Duration // the evaluation's effective timeout, for messages
	ticks     uint32        // watchful-mode instruction counter; VM goroutine only

	mu     sync.Mutex // guards parent and err against the timer
	parent context.Context
	err    error
}

const (
	modeRunning uint32 = iota
	modeWatchful
	modeStopped
)

// cancelPoll is how often a long evaluation looks at its parent context.
// Registering with the parent instead (context.AfterFunc) would cost about a
// microsecond on every evaluation, most of which end in microseconds anyway:
// a parent canceled before the call is seen at once, during it within
// cancelPoll.
const cancelPoll = 2 * time.Millisecond

// MaxStringLen is the longest string a script may hold once it has run for
// more than a millisecond (see deadline).
const MaxStringLen = 8 << 20

// errStringTooLong is the cause recorded when the string guard stops an
// evaluation.
var errStringTooLong = errors.New("string too long")

// monoBase anchors monoNow: time.Since on a monotonic time reads the clock
// once, where time.Now reads it twice (wall and monotonic), and clock reads
// are a visible share of a sub-microsecond evaluation on some machines.
var monoBase = time.Now()

// monoNow is a monotonic clock reading.
func monoNow() time.Duration { return time.Since(monoBase) }

// closedChan is what Done returns once an evaluation must stop.
var closedChan = func() chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}()

func newDeadline(L *lua.LState) *deadline {
	d := &deadline{L: L, parent: context.Background()}
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
	d.budget = timeout
	d.at.Store(int64(start + timeout))
	d.slowAfter = min(time.Millisecond, timeout/2)
	d.mu.Lock()
	d.parent, d.err = parent, nil
	d.mu.Unlock()
	d.mode.Store(modeRunning)
	d.armed.Store(gen)
	d.timer.Reset(d.slowAfter)
	return nil
}

// disarm ends the evaluation and reports whether it was stopped, and why.
func (d *deadline) disarm() (bool, error) {
	d.timer.Stop()
	d.armed.Store(0)
	stopped := d.mode.Load() == modeStopped
	// The caller's context is dropped after every evaluation, stopped or
	// not, so a late timer firing never reads a context that is no longer ours.
	d.mu.Lock()
	err := d.err
	d.parent = context.Background()
	d.mu.Unlock()
	if !stopped {
		return false, nil
	}
	return true, err
}

// fire runs on the timer's goroutine: first after slowAfter, to switch a
// long evaluation to watchful mode, then every cancelPoll to look at the
// parent, and at the deadline. A late firing left over from an earlier
// evaluation does nothing harmful: the current evaluation's deadline has not
// passed, and watchful mode only costs time.
func (d *deadline) fire() {
	gen := d.armed.Load()
	if gen == 0 {
		return
	}
	d.mu.Lock()
	if d.armed.Load() != gen { // the evaluation ended while we waited for the lock
		d.mu.Unlock()
		return
	}
	parent := d.parent
	d.mu.Unlock()
	if err := parent.Err(); err != nil {
		d.stop(gen, err)
		return
	}
	if left := time.Duration(d.at.Load()) - monoNow(); left > 0 {
		d.mode.CompareAndSwap(modeRunning, modeWatchful)
		if parent.Done() != nil {
			left = min(left, cancelPoll)
		}
		d.timer.Reset(left)
		return
	}
	d.stop(gen, context.DeadlineExceeded)
}

// stop ends evaluation gen with the given cause, if it is still running.
func (d *deadline) stop(gen uint64, cause error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.armed.Load() != gen || d.mode.Load() == modeStopped {
		return
	}
	d.err = cause
	d.mode.Store(modeStopped)
}

// Done implements context.Context (see the type's comment).
func (d *deadline) Done() <-chan struct{} {
	switch d.mode.Load() {
	case modeRunning:
		return nil
	case modeStopped:
		return closedChan
	}
	// Watchful: look for an oversized string in the running function's
	// registers, every fourth instruction (a doubling loop takes about four
	// per doubling, so a string passes the limit at most twice over, while a
	// long but legitimate loop is slowed by a quarter of the scan).
	d.ticks++
	if d.ticks%4 != 0 {
		return nil
	}
	// Also look at the clock from here every 256 instructions: on a busy
	// machine the timer's goroutine can be scheduled milliseconds late, while
	// this one is running anyway.
	if d.ticks%256 == 0 && monoNow() >= time.Duration(d.at.Load()) {
		d.stop(d.armed.Load(), context.DeadlineExceeded)
		return closedChan
	}
	L := d.L
	top := min(L.GetTop(), 256)
	for i := 1; i <= top; i++ {
		if s, ok := L.Get(i).(lua.LString); ok && len(s) > MaxStringLen {
			d.stop(d.armed.Load(), fmt.Errorf("%w: a string of %.1f MiB exceeds the %d MiB limit (a string doubling loop?)",
				errStringTooLong, float64(len(s))/(1<<20), MaxStringLen>>20))
			return closedChan
		}
	}
	return nil
}

// Deadline implements context.Context.
func (d *deadline) Deadline() (time.Time, bool) {
	return monoBase.Add(time.Duration(d.at.Load())), true
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
