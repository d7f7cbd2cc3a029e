package contact

import (
	"strconv"
	"strings"
)

// MatchWildcard reports whether s matches pattern, where * stands for any
// run of characters (none included) and everything else is itself,
// ignoring case: "https://example.com/pricing*" is the pricing page and
// everything under it, "*/pricing*" any site's. A pattern without * must
// equal s.
func MatchWildcard(pattern, s string) bool {
	p, t := strings.ToLower(pattern), strings.ToLower(s)
	parts := strings.Split(p, "*")
	if len(parts) == 1 {
		return p == t
	}
	if !strings.HasPrefix(t, parts[0]) {
		return false
	}
	t = t[len(parts[0]):]
	last := parts[len(parts)-1]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(t, mid)
		if i < 0 {
			return false
		}
		t = t[i+len(mid):]
	}
	// The tail matches at the very end; what the middle parts left before
	// it is what the last * covers.
	return len(t) >= len(last) && strings.HasSuffix(t, last)
}

// filterValueMatches is one value test of Event.Matches, past the legacy
// "*substring" form: a value with * elsewhere is a wildcard pattern, and
// ">=N", ">N", "<=N", "<N" compare numbers ("seconds" >=30: at least
// 30 seconds on the page).
func filterValueMatches(got, want string) (ok, handled bool) {
	if strings.Contains(want, "*") {
		return MatchWildcard(want, got), true
	}
	for _, op := range []string{">=", "<=", ">", "<"} {
		rest, found := strings.CutPrefix(want, op)
		if !found {
			continue
		}
		b, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
		if err != nil {
			return false, false
		}
		a, err := strconv.ParseFloat(got, 64)
		if err != nil {
			return false, true
		}
		switch op {
		case ">=":
			return a >= b, true
		case "<=":
			return a <= b, true
		case ">":
			return a > b, true
		}
		return a < b, true
	}
	return false, false
}
