package mail

import (
	"context"
	"sync"
	"time"
)

// limiter paces sends to at most perSecond per second and perHour in any
// rolling hour.
//
// The per-second limit gives each send a slot one interval after the
// previous slot, so over a run the achieved rate equals the configured one
// (a token bucket would let a full bucket through at the start, 100% over
// the limit for the first second). Slots are absolute times: a worker that
// wakes late, or a send that took long, does not push every later send
// back — slots missed within the last catchUp are still used. After a
// longer pause the schedule restarts from now, so a pause never turns into
// a burst larger than catchUp's worth of slots.
//
// The per-hour limit is exact: a ring holds the last perHour slots, and a
// new slot is never less than an hour after the one perHour sends ago. A
// relay's hourly quota therefore allows a burst up to the quota, then paces.
// catchUp is how far behind schedule the limiter may run and still catch
// up. Under CPU contention timer wake-ups come late by milliseconds; without
// this, each late wake-up is rate lost for good.
const catchUp = 25 * time.Millisecond

type limiter struct {
	mu       sync.Mutex
	interval time.Duration // 0: no per-second limit
	tat      time.Time     // theoretical arrival time of the next send
	ring     []time.Time   // per-hour history; nil: no per-hour limit
	next     int
}

func newLimiter(perSecond, perHour int) *limiter {
	l := &limiter{}
	if perSecond > 0 {
		l.interval = time.Second / time.Duration(perSecond)
	}
	if perHour > 0 {
		l.ring = make([]time.Time, perHour)
	}
	return l
}

// reserve books the next slot at or after now and returns it.
func (l *limiter) reserve(now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	slot := now
	if l.interval > 0 && !l.tat.Before(now.Add(-catchUp)) {
		slot = l.tat
	}
	if l.ring != nil {
		if old := l.ring[l.next]; !old.IsZero() {
			if earliest := old.Add(time.Hour); earliest.After(slot) {
				slot = earliest
			}
		}
		l.ring[l.next] = slot
		l.next = (l.next + 1) % len(l.ring)
	}
	if l.interval > 0 {
		l.tat = slot.Add(l.interval)
	}
	return slot
}

// wait blocks until the caller's slot, or until ctx ends.
func (l *limiter) wait(ctx context.Context) error {
	if l.interval == 0 && l.ring == nil {
		return ctx.Err()
	}
	d := time.Until(l.reserve(time.Now()))
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
