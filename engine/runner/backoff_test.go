package runner

import (
	"testing"
	"time"
)

// TestBackoff checks the retry schedule: its first waits, that it never
// shrinks, that it stops growing at the cap (also far beyond MaxAttempts,
// where a shift or an index would overflow), and that it has no jitter.
func TestBackoff(t *testing.T) {
	want := map[int]time.Duration{
		-1: time.Minute, 0: time.Minute, // below 1: the first retry
		1: time.Minute, 2: 5 * time.Minute, 3: 30 * time.Minute, 4: 2 * time.Hour,
		5: 6 * time.Hour, MaxAttempts: 6 * time.Hour, 64: 6 * time.Hour, 1 << 30: 6 * time.Hour,
	}
	for n, d := range want {
		if got := Backoff(n); got != d {
			t.Errorf("Backoff(%d) = %s, want %s", n, got, d)
		}
	}
	prev := time.Duration(0)
	for n := 1; n <= 100; n++ {
		d := Backoff(n)
		if d < prev {
			t.Errorf("Backoff(%d) = %s, shorter than retry %d's %s", n, d, n-1, prev)
		}
		if d > backoffCap {
			t.Errorf("Backoff(%d) = %s, over the %s cap", n, d, backoffCap)
		}
		// The journal says when the next try is by calling Backoff again:
		// both calls must give the same time.
		if again := Backoff(n); again != d {
			t.Errorf("Backoff(%d) = %s then %s: the journal would name another time than the outbox", n, d, again)
		}
		prev = d
	}
	// Every message gives up within a day of its first failure.
	var total time.Duration
	for n := 1; n < MaxAttempts; n++ {
		total += Backoff(n)
	}
	if total > 24*time.Hour {
		t.Errorf("%d tries span %s, more than a day", MaxAttempts, total)
	}
}
