package journey

import (
	"fmt"
	"strconv"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/words"
)

// MaxAttempts is how many times a temporary failure is retried before the
// message is marked failed.
const MaxAttempts = 8

// backoffSteps are the waits before the first retries; every later retry
// waits BackoffCap.
var backoffSteps = [...]time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour}

// BackoffCap is the longest wait between two tries of a message.
const BackoffCap = 6 * time.Hour

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
	return BackoffCap
}

// AtSend says why a queued message must not go any more (the code of
// the journal's reason, "" when it may): its contact was deleted, or —
// for marketing email — can no longer receive it. Suppression is checked
// again at send time because the contact may have unsubscribed, or
// bounced, while the message waited (for quiet hours to end, for a retry).
func AtSend(c *contact.Contact, kind string, marketing bool) words.Code {
	switch {
	case c == nil:
		return words.SendDeleted
	case kind == "email" && marketing && Suppressed(c):
		return words.SendSuppressed
	}
	return ""
}

// What names a message in a delivery reason: the parameter of its kind
// ("email" and the email's id, "to" and the alerted address, "url" and
// the called address).
func What(kind, name string) []string {
	switch kind {
	case "email":
		return []string{"email", name}
	case "notify":
		return []string{"to", name}
	}
	return []string{"url", name}
}

// Delivery results, as a relay answers.
const (
	Sent    = "sent"
	Retry   = "retry"  // temporary failure (4xx, network): try again later
	Refused = "bounce" // permanent refusal (5xx): the address is refused for good
	Broken  = "failed" // cannot be sent (missing template…): not retried
)

// Journal outcomes of what delivery found out about a step's message.
const (
	OutSent   = "sent"
	OutFailed = "failed"
)

// MissingEmail is what delivery says of a message whose email does not
// exist (deleted after the funnel was published, or never written, in a
// simulation): the live worker and the simulator fail it in these words.
func MissingEmail(template string) string {
	return fmt.Sprintf("the email %q does not exist any more (deleted after the funnel was published?)", template)
}

// Settlement is what a delivery result does to its message and contact.
type Settlement struct {
	// Status is the message's new status: sent, pending (tried again at
	// Next), failed or bounced.
	Status string
	Next   time.Time
	// Suppress marks the contact's address refused for good: it gets no
	// more marketing email (email only).
	Suppress bool
	// Reason and Outcome are the journal line to write, none when Reason
	// is zero: trouble is journaled when it starts and when it is given
	// up, not at every try in between.
	Reason  words.Reason
	Outcome string
}

// Settle decides what the result of try number attempt of a message does.
// what names the message in the journal (What), tz is the contact's
// timezone (for the time of the next try), lastError is the previous
// try's error ("" when none), errText the relay's answer.
func Settle(result, errText, kind string, what []string, tz string, attempt int, lastError string, now time.Time) Settlement {
	r := func(code words.Code, kv ...string) words.Reason {
		return words.R(code, append(append(make([]string, 0, len(what)+len(kv)), what...), kv...)...)
	}
	switch result {
	case Sent:
		s := Settlement{Status: "sent"}
		if lastError != "" {
			s.Reason, s.Outcome = r(words.SentAfterAll), OutSent
		}
		return s
	case Retry:
		next := now.Add(Backoff(attempt))
		if attempt >= MaxAttempts {
			return Settlement{Status: "failed", Next: next, Reason: r(words.SendGaveUp, "error", errText, "tries", strconv.Itoa(attempt)), Outcome: OutFailed}
		}
		s := Settlement{Status: "pending", Next: next}
		if lastError == "" {
			s.Reason, s.Outcome = r(words.SendRetry, "error", errText, "at", words.At(next), "tz", tz), OutFailed
		}
		return s
	case Refused:
		return Settlement{Status: "bounced", Suppress: kind == "email", Reason: r(words.SendRefused, "error", errText), Outcome: OutFailed}
	}
	return Settlement{Status: "failed", Reason: r(words.SendFailed, "error", errText), Outcome: OutFailed}
}
