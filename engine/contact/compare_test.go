package contact

import "testing"

func TestOrder(t *testing.T) {
	for _, r := range []struct {
		op   string
		a, b float64
		want bool
	}{
		{"gt", 2, 1, true}, {"gt", 1, 1, false},
		{"gte", 1, 1, true}, {"gte", 0.5, 1, false},
		{"lt", 1, 2, true}, {"lt", 2, 2, false},
		{"lte", 2, 2, true}, {"lte", 3, 2, false},
		{"equals", 1, 1, false}, {"", 1, 1, false}, // not orders
	} {
		if got := ParseOrder(r.op).Holds(r.a, r.b); got != r.want {
			t.Errorf("%v %s %v: %v, want %v", r.a, r.op, r.b, got, r.want)
		}
	}
}

func TestTextComparisons(t *testing.T) {
	for _, r := range []struct {
		fn   string
		s, x string
		want bool
	}{
		{"contains", "Head of Marketing", "market", true},
		{"contains", "Head of Marketing", "sales", false},
		{"contains", "anything", "", true},
		{"contains", "Élodie ÜNAL", "ünal", true},
		{"contains", "short", "longer text", false},
		{"prefix", "Marketing", "mark", true},
		{"prefix", "Marketing", "keting", false},
		{"prefix", "Ünal", "ün", true},
		{"prefix", "ab", "abc", false},
	} {
		var got bool
		switch r.fn {
		case "contains":
			got = ContainsFold(r.s, r.x)
		case "prefix":
			got = HasPrefixFold(r.s, r.x)
		}
		if got != r.want {
			t.Errorf("%s(%q, %q) = %v, want %v", r.fn, r.s, r.x, got, r.want)
		}
	}
}
