package script

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"
)

// TestDeadlineTimerRests checks that a state's timer stops ticking once the
// state is idle, and that an evaluation after that is still stopped at its
// deadline (arm restarts the timer).
func TestDeadlineTimerRests(t *testing.T) {
	e := New(Options{PoolSize: 1, Timeout: testTimeout}) // as in TestStringBombsStop
	quick := mustCompile(t, e, "quick", `return true`)
	for i := 0; i < 100; i++ {
		if _, _, err := e.Condition(context.Background(), quick, Env{}); err != nil {
			t.Fatal(err)
		}
	}
	st := e.idle.Load()
	if st == nil {
		t.Fatal("no idle state")
	}
	deadline := time.Now().Add(15 * time.Second) // a tick or two; generous under load
	for !st.dl.dormant.Load() {
		if time.Now().After(deadline) {
			t.Fatal("the timer still ticks on an idle state")
		}
		time.Sleep(time.Millisecond)
	}
	// A string bomb needs the timer (its instructions are few and long).
	bomb := mustCompile(t, e, "bomb", `local s = "x" while true do s = s .. s end`)
	start := time.Now()
	_, _, err := e.Condition(context.Background(), bomb, Env{})
	if se, ok := AsError(err); !ok || se.Kind != KindLimit {
		t.Fatalf("want a limit error, got %v after %v", err, time.Since(start))
	}
}

// An evaluation is watched twice (deadline.go): by the VM goroutine itself,
// which looks at the clock and the caller's context every checkEvery
// instructions, and by the state's timer, which stops what instructions
// cannot be counted for (a long Go call) and switches a long evaluation to
// watchful mode. Each of the tests below holds with only one of the two, and
// fails without it; none hangs with neither (its event source gives up).

// hostCalls is an event history whose every read is a host call the test
// watches: it counts the reads, sleeps, runs onCall, and refuses to go on
// past giveUp (so a script that nothing stops ends with an error instead of
// running for ever).
type hostCalls struct {
	calls  atomic.Int32
	sleep  time.Duration
	onCall func(n int32)
	giveUp func(n int32) bool
}

func (h *hostCalls) Events(int64, string, time.Time) ([]Event, error) {
	n := h.calls.Add(1)
	if h.giveUp(n) {
		return nil, fmt.Errorf("read %d: the evaluation was not stopped", n)
	}
	if h.onCall != nil {
		h.onCall(n)
	}
	time.Sleep(h.sleep)
	return nil, nil
}

// withoutTimer keeps the timer of e's one state from running: it waits for
// the timer to rest (the state is idle) and marks it as running, so arm
// does not restart it. Only the VM goroutine's own checks are left.
func withoutTimer(t *testing.T, e *Engine) {
	t.Helper()
	quick := mustCompile(t, e, "quick", `return true`)
	if _, _, err := e.Condition(context.Background(), quick, Env{}); err != nil {
		t.Fatal(err)
	}
	st := e.idle.Load()
	if st == nil {
		t.Fatal("no idle state")
	}
	deadline := time.Now().Add(15 * time.Second)
	for !st.dl.dormant.CompareAndSwap(true, false) {
		if time.Now().After(deadline) {
			t.Fatal("the timer of an idle state does not rest")
		}
		time.Sleep(time.Millisecond)
	}
	t.Cleanup(func() { st.dl.dormant.Store(true) })
}

// TestDeadlineWithoutTheTimer: with the state's timer kept out, the VM
// goroutine alone stops an ordinary loop at its deadline and a loop whose
// caller gave up (the timer never looks at the caller's context).
func TestDeadlineWithoutTheTimer(t *testing.T) {
	// The loop reads the history between long stretches of instructions,
	// so the event source sees whether it is still running.
	const src = `while true do for i = 1, 20000 do end events.count("page_visited") end`
	t.Run("deadline", func(t *testing.T) {
		e := New(Options{PoolSize: 1, Timeout: 50 * time.Millisecond})
		withoutTimer(t, e)
		start := time.Now()
		h := &hostCalls{giveUp: func(int32) bool { return time.Since(start) > 20*time.Second }}
		env := sandboxEnv()
		env.Events = h
		_, _, err := e.Condition(context.Background(), mustCompile(t, e, "loop", src), env)
		if se, ok := AsError(err); !ok || se.Kind != KindTimeout || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("want a timeout at the deadline, got %v after %v and %d reads", err, time.Since(start), h.calls.Load())
		}
	})
	t.Run("cancel", func(t *testing.T) {
		// A minute of budget: only the cancel can stop it in this test.
		e := New(Options{PoolSize: 1, Timeout: time.Minute})
		withoutTimer(t, e)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		// The first read cancels the caller; the VM sees it within
		// checkEvery instructions, long before the loop reads again.
		h := &hostCalls{onCall: func(int32) { cancel() }, giveUp: func(n int32) bool { return n > 20 }}
		env := sandboxEnv()
		env.Events = h
		_, _, err := e.Condition(ctx, mustCompile(t, e, "loop", src), env)
		if se, ok := AsError(err); !ok || se.Kind != KindTimeout || !errors.Is(err, context.Canceled) {
			t.Fatalf("want a stop on cancel, got %v after %d reads", err, h.calls.Load())
		}
		if n := h.calls.Load(); n != 1 {
			t.Errorf("the loop read the history %d times after its caller gave up", n-1)
		}
	})
}

// TestDeadlineStopsAfterALongHostCall: a script whose time goes into long
// host calls runs few instructions, too few for the VM goroutine's count to
// reach its next look at the clock for seconds; the state's timer stops it
// at the deadline, right after the call under way.
func TestDeadlineStopsAfterALongHostCall(t *testing.T) {
	const budget, call = 50 * time.Millisecond, 20 * time.Millisecond
	e := New(Options{PoolSize: 1, Timeout: budget})
	// Without the timer the loop would read about 1024 / 10 instructions
	// times, seconds past the deadline; the source gives up well before.
	h := &hostCalls{sleep: call, giveUp: func(n int32) bool { return n > 40 }}
	env := sandboxEnv()
	env.Events = h
	_, _, err := e.Condition(context.Background(), mustCompile(t, e, "slow reads", `while true do events.count("page_visited") end`), env)
	if se, ok := AsError(err); !ok || se.Kind != KindTimeout || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want a timeout at the deadline, got %v after %d reads of %v", err, h.calls.Load(), call)
	}
	t.Logf("stopped after %d reads of %v (budget %v)", h.calls.Load(), call, budget)
}
