package runner

import (
	"context"
	"sync"
	"time"

	"flightplan/engine/store"
)

// Leases on messages being sent.
//
// A message claimed for sending is "sending" until its result is settled.
// If its engine dies in between, the message must go back to the queue,
// but only once no live engine may still send it: on a SQLite workspace
// the one engine does that when it starts (RecoverOutbox); on PostgreSQL
// other engines keep working meanwhile, so a claim carries a lease
// (outbox.sending_until). The engine holding messages renews their lease
// every third of it while it delivers; whichever engine sees a lease run
// out puts the message back (reclaimExpired), and it is sent again with
// the same key and Message-ID: at most the message in flight on each of
// the dead engine's connections can reach the server twice, as after a
// crash on SQLite.

// SetSendingLease changes the lease of messages this runner claims from
// now on (Options.SendingLease); 0 or less restores the default.
func (r *Runner) SetSendingLease(d time.Duration) {
	if d <= 0 {
		d = DefaultSendingLease
	}
	r.leaseMu.Lock()
	r.opts.SendingLease = d
	r.leaseMu.Unlock()
}

func (r *Runner) lease() time.Duration {
	r.leaseMu.Lock()
	defer r.leaseMu.Unlock()
	return r.opts.SendingLease
}

// reclaimExpired puts back in the queue the messages whose lease ran out,
// at most every quarter of a lease (an indexed range update, cheap when
// nothing expired). It returns how many.
func (r *Runner) reclaimExpired(ctx context.Context, now time.Time) (int, error) {
	r.leaseMu.Lock()
	every := r.opts.SendingLease / 4
	if !r.reclaimedAt.IsZero() && now.Sub(r.reclaimedAt) < every && !now.Before(r.reclaimedAt) {
		r.leaseMu.Unlock()
		return 0, nil
	}
	r.reclaimedAt = now
	r.leaseMu.Unlock()
	res, err := r.st.Exec(ctx, "reclaim-expired-messages", store.MS(now))
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// renewLeases pushes forward, every third of a lease until stop is
// closed, the lease of those of msgs still "sending" (the settled ones
// are left alone by the status test).
func (r *Runner) renewLeases(ctx context.Context, msgs []*Message, stop <-chan struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	lease := r.lease()
	t := time.NewTicker(lease / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			return
		case <-t.C:
		}
		// One statement for the claim (at most Deliver's limit). A
		// failed renewal is tried again at the next tick: the lease is
		// three ticks long.
		args := make([]any, 0, len(msgs)+1)
		args = append(args, store.MS(r.clk.Now().Add(lease)))
		for _, m := range msgs {
			args = append(args, m.ID)
		}
		q := `UPDATE outbox SET sending_until=? WHERE status='sending' AND id IN (` + inList(len(msgs)) + `)`
		// Not behind this engine's batches and settlements on its one
		// writer connection where the database allows it (PostgreSQL).
		_ = r.st.ExecBeside(ctx, q, args...)
	}
}
