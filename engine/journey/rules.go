package journey

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/settings"
)

// Rules are the workspace policy every journey follows: the frequency cap
// and quiet hours of marketing email, the temperature bands of the lead
// score, and whether a flow may move a contact's stage back. The live
// runner and the simulator get them from Load (the workspace's settings)
// or, for a simulation without a workspace, from these fields, checked by
// Compile.
type Rules struct {
	// CapPerDay and CapPerWeek limit marketing emails per contact per
	// rolling day or week (0: no cap).
	CapPerDay  int `json:"cap_per_day,omitempty"`
	CapPerWeek int `json:"cap_per_week,omitempty"`
	// QuietFrom and QuietTo ("21:00", "08:00", contact's timezone) hold
	// marketing email until quiet hours end; they may span midnight.
	QuietFrom string `json:"quiet_from,omitempty"`
	QuietTo   string `json:"quiet_to,omitempty"`
	// Warm and Hot are the score thresholds of the temperatures (0: 30 and 60).
	Warm float64 `json:"warm,omitempty"`
	Hot  float64 `json:"hot,omitempty"`
	// StageBackwards lets a flow move a contact back to an earlier stage.
	StageBackwards bool `json:"stage_backwards,omitempty"`
	// Lang is the workspace's language (settings.Language: "fr", or ""
	// for English): a step's default texts are written in it (the alert's
	// subject), live and simulated alike.
	Lang string `json:"lang,omitempty"`

	// Compiled by Compile: quiet hours in minutes after midnight.
	quiet              bool
	quietFrom, quietTo int
	quietToH, quietToM int
	warm, hot          float64
	warmSet, hotSet    bool // from the settings, which have their defaults: even 0 stands
}

// Load reads the policy from a workspace's settings (the store, one of
// its transactions). It is the one place the policy is read, for live runs
// and simulations alike.
func Load(ctx context.Context, q settings.Querier) (Rules, error) {
	v, err := settings.Load(ctx, q)
	if err != nil {
		return Rules{}, err
	}
	return FromSettings(v), nil
}

// FromSettings is the policy of a snapshot of the settings. A malformed
// quiet-hours value switches quiet hours off, as it always has, rather
// than stopping every journey; a temperature band that is not a number
// counts as 0.
func FromSettings(v settings.Values) Rules {
	r := Rules{CapPerDay: v.CapPerDay(), CapPerWeek: v.CapPerWeek(), StageBackwards: v.StageBackwards(), warmSet: true, hotSet: true}
	r.QuietFrom, r.QuietTo = v.QuietHours()
	r.Warm, r.Hot = v.Bands()
	r.Lang = v.String(settings.Language)
	if r.Compile() != nil {
		r.QuietFrom, r.QuietTo = "", ""
		_ = r.Compile()
	}
	return r
}

// Compile checks the rules and prepares them for use; the zero thresholds
// become 30 and 60. Every method below needs it.
func (r *Rules) Compile() error {
	r.warm, r.hot = r.Warm, r.Hot
	if r.warm == 0 && !r.warmSet {
		r.warm = 30
	}
	if r.hot == 0 && !r.hotSet {
		r.hot = 60
	}
	r.quiet = false
	if (r.QuietFrom == "") != (r.QuietTo == "") {
		return fmt.Errorf("rules: quiet hours need both a start and an end")
	}
	if r.QuietFrom != "" {
		fh, fm, err := hhmm(r.QuietFrom)
		if err != nil {
			return fmt.Errorf("rules: quiet hours start: %w", err)
		}
		th, tm, err := hhmm(r.QuietTo)
		if err != nil {
			return fmt.Errorf("rules: quiet hours end: %w", err)
		}
		r.quiet, r.quietFrom, r.quietTo, r.quietToH, r.quietToM = true, fh*60+fm, th*60+tm, th, tm
	}
	return nil
}

func hhmm(s string) (int, int, error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, fmt.Errorf("%q is not a time of day (expected HH:MM)", s)
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, fmt.Errorf("%q is not a time of day (expected HH:MM)", s)
	}
	return h, m, nil
}

// Temperature is the band of a score: cold, warm or hot.
func (r *Rules) Temperature(score float64) string {
	switch {
	case score >= r.hot:
		return "hot"
	case score >= r.warm:
		return "warm"
	}
	return "cold"
}

// Thresholds are the scores from which a contact is warm and hot.
func (r *Rules) Thresholds() (warm, hot float64) { return r.warm, r.hot }

// QuietUntil returns when quiet hours end, if now falls in them in loc
// (the contact's timezone). Quiet hours may span midnight (21:00–08:00).
func (r *Rules) QuietUntil(now time.Time, loc *time.Location) (time.Time, bool) {
	if !r.quiet {
		return time.Time{}, false
	}
	lt := now.In(loc)
	cur := lt.Hour()*60 + lt.Minute()
	end := time.Date(lt.Year(), lt.Month(), lt.Day(), r.quietToH, r.quietToM, 0, 0, lt.Location())
	if r.quietFrom < r.quietTo { // same-day quiet hours, e.g. 12:00–14:00
		if cur >= r.quietFrom && cur < r.quietTo {
			return end, true
		}
		return time.Time{}, false
	}
	if cur >= r.quietFrom { // spans midnight
		return end.AddDate(0, 0, 1), true
	}
	if cur < r.quietTo {
		return end, true
	}
	return time.Time{}, false
}

// Suppressed reports whether the contact may no longer get marketing email
// (unsubscribed, or an address refused for good). Checked when an email is
// queued and again when it is sent.
func Suppressed(c *contact.Contact) bool { return c.Unsubscribed || c.Bounced }

// stageRank is contact.StageRank without lower-casing names that already are.
func stageRank(s string) int {
	for i, x := range contact.Stages {
		if x == s {
			return i
		}
	}
	return contact.StageRank(s)
}
