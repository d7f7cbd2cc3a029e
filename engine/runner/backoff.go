package runner

import (
	"time"

	"flightplan/engine/journey"
)

// MaxAttempts is how many times a temporary failure is retried before the
// message is marked failed (see journey.Settle).
const MaxAttempts = journey.MaxAttempts

// backoffCap is the longest wait between two tries of a message.
const backoffCap = journey.BackoffCap

// Backoff is the wait before retry n (1-based): see journey.Backoff.
func Backoff(n int) time.Duration { return journey.Backoff(n) }
