package nodes

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
)

// Operators of field comparisons, shared by the field condition, the
// score condition, goals and segments.
var Operators = []Option{
	{"equals", T("is", "est")},
	{"not_equals", T("is not", "n'est pas")},
	{"contains", T("contains", "contient")},
	{"starts_with", T("starts with", "commence par")},
	{"is_empty", T("is empty", "est vide")},
	{"not_empty", T("is not empty", "n'est pas vide")},
	{"gt", T("is more than", "est supérieur à")},
	{"gte", T("is at least", "est au moins")},
	{"lt", T("is less than", "est inférieur à")},
	{"lte", T("is at most", "est au plus")},
	{"before", T("is before (date)", "est avant (date)")},
	{"after", T("is after (date)", "est après (date)")},
	{"within_days", T("is within the last N days", "date des N derniers jours")},
	{"in", T("is one of (comma-separated)", "fait partie de (séparés par des virgules)")},
}

var opWords = map[string]string{}

func init() {
	for _, o := range Operators {
		opWords[o.Value] = o.Label.En
	}
}

// Compare applies op between a contact value and the wanted value. It
// returns the outcome and the reason in plain words.
func Compare(field string, got any, present bool, op, want string, now time.Time) (bool, string) {
	g := contact.ToString(got)
	ok := Holds(field, g, present, op, want, now)
	if op == "is_empty" || op == "not_empty" {
		return ok, fmt.Sprintf("%s is %s, condition wanted it %s", field, quoted(g, present), opWords[op])
	}
	return ok, fmt.Sprintf("%s is %s, condition wanted %s %s", field, quoted(g, present), opWords[op], strconv.Quote(want))
}

// Holds is Compare without the reason, on the contact value as text: what
// a counts-only simulation needs.
func Holds(field, g string, present bool, op, want string, now time.Time) bool {
	var ok bool
	switch op {
	case "equals", "":
		ok = present && strings.EqualFold(strings.TrimSpace(g), strings.TrimSpace(want))
		if !ok && present {
			a, e1 := strconv.ParseFloat(g, 64)
			b, e2 := strconv.ParseFloat(want, 64)
			ok = e1 == nil && e2 == nil && a == b
		}
	case "not_equals":
		ok = !present || !strings.EqualFold(strings.TrimSpace(g), strings.TrimSpace(want))
	case "contains":
		ok = present && strings.Contains(strings.ToLower(g), strings.ToLower(want))
	case "starts_with":
		ok = present && strings.HasPrefix(strings.ToLower(g), strings.ToLower(want))
	case "is_empty":
		ok = !present || strings.TrimSpace(g) == ""
	case "not_empty":
		ok = present && strings.TrimSpace(g) != ""
	case "gt", "gte", "lt", "lte":
		a, b, comparable := orderedPair(field, g, want)
		if present && comparable {
			switch op {
			case "gt":
				ok = a > b
			case "gte":
				ok = a >= b
			case "lt":
				ok = a < b
			case "lte":
				ok = a <= b
			}
		}
	case "before", "after":
		a, e1 := ParseDate(g)
		b, e2 := ParseDate(want)
		if present && e1 == nil && e2 == nil {
			ok = (op == "before" && a.Before(b)) || (op == "after" && a.After(b))
		}
	case "within_days":
		a, e1 := ParseDate(g)
		n, e2 := strconv.ParseFloat(want, 64)
		if present && e1 == nil && e2 == nil {
			ok = !a.After(now) && now.Sub(a) <= time.Duration(n*24*float64(time.Hour))
		}
	case "in":
		for _, v := range strings.Split(want, ",") {
			if present && strings.EqualFold(strings.TrimSpace(v), strings.TrimSpace(g)) {
				ok = true
			}
		}
	}
	return ok
}

// orderedPair reads the two sides of an order comparison: numbers, or for a
// temperature or a stage their places on the ladder (cold < warm < hot;
// subscriber < lead < mql < sql < customer), so "is at least hot" holds for
// hot. comparable is false when either side is neither.
func orderedPair(field, got, want string) (a, b float64, comparable bool) {
	if isOrderedField(field) {
		ra, ok1 := rank(field, got)
		rb, ok2 := rank(field, want)
		return float64(ra), float64(rb), ok1 && ok2
	}
	a, e1 := strconv.ParseFloat(strings.TrimSpace(got), 64)
	b, e2 := strconv.ParseFloat(strings.TrimSpace(want), 64)
	return a, b, e1 == nil && e2 == nil
}

func quoted(s string, present bool) string {
	if !present {
		return "empty"
	}
	return strconv.Quote(s)
}

// ParseDate reads a date or date-time in the common formats.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (expected YYYY-MM-DD)", s)
}
