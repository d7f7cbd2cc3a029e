package contact

import "testing"

// The URL patterns of website conditions: * is any run of characters,
// case is ignored, everything else is literal.
func TestMatchWildcard(t *testing.T) {
	for _, c := range []struct {
		pattern, s string
		want       bool
	}{
		{"https://example.com/pricing*", "https://example.com/pricing", true},
		{"https://example.com/pricing*", "https://EXAMPLE.com/pricing/team", true},
		{"https://example.com/pricing*", "https://example.com/blog/pricing", false},
		{"https://example.com/pricing*", "http://example.com/pricing", false},
		{"*/pricing*", "https://a.example/pricing?x=1", true},
		{"*/pricing*", "https://a.example/fr/pricing", true},
		{"*/pricing*", "https://a.example/prices", false},
		{"*/pricing", "https://a.example/pricing", true},
		{"*/pricing", "https://a.example/pricing/team", false},
		{"*.pdf", "https://a.example/white-paper.PDF", true},
		{"*a*a*", "banana", true},
		{"*ana*ana*", "banana", false},
		{"ab*ba", "aba", false},
		{"ab*ba", "abba", true},
		{"*", "", true},
		{"/pricing", "/pricing", true},
		{"/pricing", "/pricing/", false},
		{"/p?icing", "/pricing", false}, // ? is literal
		{"/50%*", "/50%-off", true},     // % and _ are literal too
		{"/a_b*", "/axb", false},
	} {
		if got := MatchWildcard(c.pattern, c.s); got != c.want {
			t.Errorf("MatchWildcard(%q, %q) = %v, want %v", c.pattern, c.s, got, c.want)
		}
	}
}

// Funnel filters: the legacy "*substring", wildcard patterns and number
// comparisons (time on page).
func TestEventMatchesWebsiteFilters(t *testing.T) {
	ev := &Event{Type: EventPageVisited, Props: map[string]any{"url": "https://example.com/pricing/team", "seconds": 42.0}}
	for _, c := range []struct {
		filter map[string]string
		want   bool
	}{
		{map[string]string{"url": "*pricing"}, true}, // substring, as before
		{map[string]string{"url": "https://example.com/pricing*"}, true},
		{map[string]string{"url": "*/blog*"}, false},
		{map[string]string{"seconds": ">=30"}, true},
		{map[string]string{"seconds": ">=60"}, false},
		{map[string]string{"seconds": "<42"}, false},
		{map[string]string{"seconds": "<=42", "url": "*/pricing/*"}, true},
		{map[string]string{"seconds": "42"}, true},
		{map[string]string{"missing": ">=1"}, false},
	} {
		if got := ev.Matches(c.filter); got != c.want {
			t.Errorf("Matches(%v) = %v, want %v", c.filter, got, c.want)
		}
	}
}
