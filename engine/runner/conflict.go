package runner

import (
	"context"
	"math/rand/v2"
	"time"

	"flightplan/engine/store"
)

// Engines sharing a PostgreSQL workspace lock rows in their batches: a
// batch of wake-ups locks its journeys first (FOR UPDATE SKIP LOCKED); a
// batch of events locks each contact's open journeys as it comes to the
// contact's event (waiting for an engine waking one of them); both write
// tags, events, contacts and step totals. Two batches can each wait for
// the other (one holds a journey and wants a tag row the other wrote):
// PostgreSQL sees the deadlock and fails one of the two transactions
// (40P01). Contacts and step totals are written in key order, so two
// batches never deadlock on those alone; the rest is the price of not
// serializing every batch on one lock. A batch so failed did nothing, and
// runs again after a short random pause (the other has finished by then).

// conflictRetries is how many times a batch runs again after a conflict
// before its error is reported (the next round of the scheduler tries
// again anyway).
const conflictRetries = 8

// retryConflicts runs one batch, again while PostgreSQL fails it on a
// deadlock or a serialization conflict, pausing 5 ms, 10 ms, 20 ms… (at
// most 500 ms) with jitter, so that the engines do not meet again in
// step.
func (r *Runner) retryConflicts(ctx context.Context, batch func(context.Context) (Stats, error)) (Stats, error) {
	for try := 0; ; try++ {
		s, err := batch(ctx)
		if err == nil || try == conflictRetries || !store.IsConflict(err) {
			return s, err
		}
		r.conflicts.Add(1)
		pause := min(5*time.Millisecond<<try, 500*time.Millisecond)
		pause = pause/2 + rand.N(pause)
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return s, ctx.Err()
		case <-t.C:
		}
	}
}

// Conflicts is how many batches this runner ran again after PostgreSQL
// failed them on a deadlock with another engine.
func (r *Runner) Conflicts() int64 { return r.conflicts.Load() }
