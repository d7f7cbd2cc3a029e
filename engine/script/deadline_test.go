package script

import (
	"context"
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
