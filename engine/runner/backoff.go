package runner

import "time"

// MaxAttempts is how many times a temporary failure is retried before the
// message is marked failed.
const MaxAttempts = 8

// backoffSteps are the waits before the first retries; every later retry
// waits backoffCap.
var backoffSteps = [...]time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour}

// backoffCap is the longest wait between two tries of a message.
const backoffCap = 6 * time.Hour

// Backoff is the wait before retry n (1-based): 1 min (greylisting relays
// refuse a first try for a minute or so), 5 min, 30 min, 2 h, then 6 h.
// It has no jitter: the journal's "trying again at" is worked out
// separately from the outbox row's next try and must name the same time.
// n below 1 counts as the first retry.
func Backoff(n int) time.Duration {
	n = max(n, 1)
	if n <= len(backoffSteps) {
		return backoffSteps[n-1]
	}
	return backoffCap
}
