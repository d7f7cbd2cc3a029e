package flow

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ParseDuration reads a marketer's duration: a number followed by a unit —
// s (seconds), m (minutes), h (hours), d (days), w (weeks) — optionally
// several ("1d 12h").
// Go durations ("90m", "1h30m") are accepted too.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	var total time.Duration
	rest := strings.ReplaceAll(s, " ", "")
	for rest != "" {
		i := 0
		for i < len(rest) && (rest[i] >= '0' && rest[i] <= '9' || rest[i] == '.') {
			i++
		}
		if i == 0 {
			return 0, fmt.Errorf("duration %q: expected a number", s)
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return 0, fmt.Errorf("duration %q: %v", s, err)
		}
		j := i
		for j < len(rest) && rest[j] >= 'a' && rest[j] <= 'z' {
			j++
		}
		var unit time.Duration
		switch rest[i:j] {
		case "s", "sec", "secs":
			unit = time.Second
		case "m", "min", "mins":
			unit = time.Minute
		case "h", "hr", "hrs", "hour", "hours":
			unit = time.Hour
		case "d", "day", "days", "j":
			unit = 24 * time.Hour
		case "w", "week", "weeks":
			unit = 7 * 24 * time.Hour
		case "":
			return 0, fmt.Errorf("duration %q: missing unit (s, m, h, d or w)", s)
		default:
			return 0, fmt.Errorf("duration %q: unknown unit %q (use s, m, h, d or w)", s, rest[i:j])
		}
		total += time.Duration(n * float64(unit))
		rest = rest[j:]
	}
	if total < 0 {
		return 0, fmt.Errorf("duration %q is negative", s)
	}
	return total, nil
}
