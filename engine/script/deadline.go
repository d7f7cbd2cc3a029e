package script

import (
	"context"
	"errors"
	"fmt"
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
// large share of the ~1µs budget of a typical scoring rule. Nor one timer
// per state reset and stopped around each evaluation, as this used to do:
// that takes the runtime timer's lock twice and reads the clock, about
// 150ns, a tenth of a typical evaluation (BenchmarkDeadlineReusable went
// from about 200ns to 60ns, most of which is its own clock read). Arming and
// disarming are now a few atomic operations, and two things watch the
// evaluation:
//
//   - The VM goroutine itself, every checkEvery instructions (tens of
//     microseconds): it reads the clock and asks the caller's context, so
//     an ordinary loop stops at its deadline, or soon after its caller is
//     canceled, with no other goroutine involved.
//   - The state's timer, which ticks every watchTick while the state is in
//     use and stops once it has seen the state idle for a whole tick (the
//     next arm restarts it). It catches what counting instructions cannot:
//     instructions that take long (concatenating big strings) and long Go
//     calls. It switches an evaluation that has run for a millisecond (or
//     half its budget) to watchful mode, and stops it at its deadline.
//
// Done returns nil while the evaluation may go on and a closed channel once
// it must stop: the VM's per-instruction `select` on a nil channel is the
// cheapest possible check (an open channel costs a runtime channel receive
// on every instruction, about 6% of a typical evaluation). This bends the
// context.Context rule that Done returns the same value on every call, which
// is why a deadline is never handed to anything but its own state, and only
// while an evaluation runs; Err and Value, too, are only called on the VM
// goroutine.
//
// String bombs: `s = s .. s` doubles memory with every instruction, so by
// the time a deadline fires a string can be hundreds of megabytes and the
// last concatenation alone can take longer than the budget. An evaluation
// still running after a millisecond (typical ones take microseconds) is
// switched to a watchful mode in which Done also looks at the current
// function's registers, where every concatenation's result lands, and stops
// the evaluation with a "limit" error once a string exceeds MaxStringLen.
// The peak stays within a few times the limit.
type deadline struct {
	L     *lua.LState
	timer *time.Timer

	// mode is the current evaluation's generation (high bits) and its state
	// (low bits: stIdle, stRunning, stWatchful or stStopped), read on every
	// VM instruction. The generation makes every change a compare-and-swap
	// that cannot touch a later evaluation: a late tick of the timer left
	// over from an earlier one does nothing.
	mode   atomic.Uint64
	at     atomic.Int64 // deadline, in monoNow units
	slowAt atomic.Int64 // when watchful mode starts, in monoNow units

	dormant atomic.Bool   // the timer is stopped; whoever sets it false starts it
	seen    atomic.Uint64 // the mode at the timer's previous tick

	// VM goroutine only.
	gen    uint64
	budget time.Duration // the evaluation's effective timeout, for messages
	ticks  uint64        // instructions counted (plus the Go helpers' polls, see poll)
	steps  uint64        // instruction budget, a multiple of checkEvery (0: none)
	parent context.Context
	cause  error // why the VM goroutine stopped the evaluation (nil: the deadline)

	// The evaluation's memory budget (budget.go): bytes charged so far, the
	// limit, and whether Done charges the VM's instructions (the script has
	// some that allocate).
	used, limit int64
	charging    bool
}

const (
	stIdle uint64 = iota // between evaluations
	stRunning
	stWatchful
	stStopped
	stMask = 3
)

// checkEvery is how many VM instructions run between two looks at the
// clock and the caller's context from the VM goroutine (a power of two).
// At a few nanoseconds per instruction this is tens of microseconds, and a
// clock read (35ns on some virtual machines) costs nothing per instruction.
const checkEvery = 1024

// watchTick is the period of a busy state's timer: how late watchful mode
// may start and how late an evaluation stuck in expensive instructions may
// be stopped. The VM goroutine's own checks are more precise for the rest.
const watchTick = time.Millisecond

// MaxStringLen is the longest string a script may build: every
// concatenation is measured before it runs (budget.go) and every library
// function that builds a string checks it; the watchful mode below is a
// second net for strings that arrive some other way.
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
	d := &deadline{L: L}
	d.timer = time.AfterFunc(time.Hour, d.tick)
	d.timer.Stop()
	d.dormant.Store(true)
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
	d.budget = timeout
	d.parent = parent
	d.cause = nil
	d.ticks = 0
	d.used = 0
	d.steps = 0
	d.at.Store(int64(start + timeout))
	d.slowAt.Store(int64(start + min(time.Millisecond, timeout/2)))
	d.mode.Store(d.gen<<2 | stRunning)
	// The mode is stored first: a timer going dormant looks at it after
	// setting dormant, so either it sees this evaluation and keeps ticking,
	// or this sees dormant and restarts it.
	if d.dormant.Load() && d.dormant.CompareAndSwap(true, false) {
		d.timer.Reset(min(watchTick, max(timeout/2, time.Microsecond)))
	}
	return nil
}

// disarm ends the evaluation and reports whether it was stopped, and why.
func (d *deadline) disarm() (bool, error) {
	m := d.mode.Swap(d.gen<<2 | stIdle)
	d.parent = nil // do not keep the caller's context alive in the pool
	if m&stMask != stStopped {
		return false, nil
	}
	return true, d.stopCause()
}

// stopCause is the cause of a stop: the VM goroutine's own, or the deadline.
func (d *deadline) stopCause() error {
	if d.cause != nil {
		return d.cause
	}
	return context.DeadlineExceeded
}

// move changes evaluation gen from running (or watchful) to state to. It
// does nothing once that evaluation is over or stopped, and reports whether
// it made the change.
func (d *deadline) move(gen, to uint64) bool {
	for {
		m := d.mode.Load()
		st := m & stMask
		if m>>2 != gen || st == stIdle || st == stStopped || st == to {
			return false
		}
		if d.mode.CompareAndSwap(m, gen<<2|to) {
			return true
		}
	}
}

// stop ends the running evaluation from the VM goroutine. If the timer
// stopped it first, its cause (the deadline) stands.
func (d *deadline) stop(cause error) <-chan struct{} {
	if d.move(d.gen, stStopped) {
		d.cause = cause
	}
	return closedChan
}

// check is the VM goroutine's look at the caller's context and the clock.
// It returns closedChan if the evaluation must stop.
func (d *deadline) check() <-chan struct{} {
	// The instruction budget first: it is what decides, deterministically,
	// for an engine that has one (the simulator); the clock behind it is only
	// a safety net.
	if d.steps != 0 && d.ticks >= d.steps {
		return d.stop(instructionsError(d.steps))
	}
	if err := d.parent.Err(); err != nil {
		return d.stop(err)
	}
	if testSlowCheck != nil {
		testSlowCheck()
	}
	now := monoNow()
	if now >= time.Duration(d.at.Load()) {
		return d.stop(context.DeadlineExceeded)
	}
	if now >= time.Duration(d.slowAt.Load()) {
		d.move(d.gen, stWatchful)
	}
	if d.mode.Load()&stMask == stStopped {
		return closedChan
	}
	return nil
}

// testSlowCheck, set only by tests, makes every look at the clock slow, as
// on a busy machine.
var testSlowCheck func()

// poll is check for Go code that runs long without VM instructions (the
// pattern matcher): it reports whether the evaluation must stop. Each poll
// counts as checkEvery instructions toward the instruction budget, so that
// a pathological pattern or sort is stopped by the count too, at the same
// point on any machine; adding a multiple of checkEvery keeps the VM's own
// checks aligned on the budget (see Options.Instructions).
func (d *deadline) poll() bool {
	d.ticks += checkEvery
	return d.check() != nil
}

// tick runs on the timer's goroutine every watchTick while the state is in
// use.
func (d *deadline) tick() {
	m := d.mode.Load()
	switch m & stMask {
	case stRunning, stWatchful:
		now := monoNow()
		if now >= time.Duration(d.at.Load()) {
			d.move(m>>2, stStopped)
		} else if now >= time.Duration(d.slowAt.Load()) {
			d.move(m>>2, stWatchful)
		}
	default:
		if m == d.seen.Load() { // idle for a whole tick: stop ticking
			d.dormant.Store(true)
			if d.mode.Load() == m || !d.dormant.CompareAndSwap(true, false) {
				return // still idle, or an arm has restarted the timer
			}
		}
	}
	d.seen.Store(m)
	d.timer.Reset(watchTick)
}

// close stops the timer of a state that is thrown away.
func (d *deadline) close() {
	d.dormant.Store(true)
	d.timer.Stop()
}

// Done implements context.Context (see the type's comment).
func (d *deadline) Done() <-chan struct{} {
	m := d.mode.Load()
	switch m & stMask {
	case stRunning:
		if d.charging {
			if c := d.peek(); c != nil {
				return c
			}
		}
		d.ticks++
		if d.ticks%checkEvery != 0 {
			return nil
		}
		return d.check()
	case stStopped:
		return closedChan
	case stIdle:
		return nil
	}
	if d.charging {
		if c := d.peek(); c != nil {
			return c
		}
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
	if d.ticks%256 == 0 {
		if c := d.check(); c != nil {
			return c
		}
	}
	L := d.L
	top := min(L.GetTop(), 256)
	for i := 1; i <= top; i++ {
		if s, ok := L.Get(i).(lua.LString); ok && len(s) > MaxStringLen {
			return d.stop(fmt.Errorf("%w: a string of %.1f MiB exceeds the %d MiB limit (a string doubling loop?)",
				errStringTooLong, float64(len(s))/(1<<20), MaxStringLen>>20))
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
	if d.mode.Load()&stMask != stStopped {
		return nil
	}
	return d.stopCause()
}

// Value implements context.Context by asking the evaluation's parent.
func (d *deadline) Value(key any) any {
	if d.parent == nil {
		return nil
	}
	return d.parent.Value(key)
}
