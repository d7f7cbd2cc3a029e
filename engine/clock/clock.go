// Package clock gives the engine its time: the real clock for live runs, a
// virtual clock that jumps to the next wake-up for tests and simulation.
package clock

import (
	"sync"
	"time"
)

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

// Real is the wall clock, in UTC.
type Real struct{}

// Now returns the current time.
func (Real) Now() time.Time { return time.Now().UTC() }

// Virtual is a clock that moves only when told to.
type Virtual struct {
	mu  sync.Mutex
	now time.Time
}

// NewVirtual returns a virtual clock set to start.
func NewVirtual(start time.Time) *Virtual { return &Virtual{now: start.UTC()} }

// Now returns the virtual time.
func (v *Virtual) Now() time.Time {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.now
}

// Set moves the clock to t; it never goes backwards.
func (v *Virtual) Set(t time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if t.After(v.now) {
		v.now = t.UTC()
	}
}

// Advance moves the clock forward by d.
func (v *Virtual) Advance(d time.Duration) { v.Set(v.Now().Add(d)) }
