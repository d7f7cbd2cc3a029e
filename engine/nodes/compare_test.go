package nodes

import (
	"testing"
	"time"

	"flightplan/engine/contact"
)

// TestFieldCheck is the table of field comparisons: every operator, on
// text, numbers, other values and missing ones, through the one
// implementation (FieldCheck) that the field condition, the score condition
// and Compare share. Each row is checked through Value and, where the field
// is one a contact holds, through Eval on a contact holding it.
func TestFieldCheck(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	const absent = "(absent)"
	rows := []struct {
		field string
		got   any // absent: the contact has no value
		op    string
		want  string
		holds bool
	}{
		// equals: case and spaces do not count; numbers compare as numbers.
		{"country", "France", "equals", "france", true},
		{"country", " France ", "equals", " FRANCE", true},
		{"country", "France", "", "France", true}, // no operator is "equals"
		{"country", "France", "equals", "Fr", false},
		{"country", absent, "equals", "", false},
		{"code", "42", "equals", "42.0", true},
		{"code", " 42", "equals", "42.0", true},
		{"size", 120.0, "equals", "120", true},
		{"size", 120.0, "equals", "120.5", false},
		{"size", 120.0, "equals", "big", false},
		{"vip", true, "equals", "TRUE", true},
		// not_equals: by text; a missing value is "not" anything.
		{"country", "France", "not_equals", "Canada", true},
		{"country", "France", "not_equals", " france ", false},
		{"country", absent, "not_equals", "France", true},
		{"size", 5.0, "not_equals", "5", false},
		// contains, starts_with: ignoring case, any script.
		{"job", "Head of Marketing", "contains", "MARKET", true},
		{"job", "Head of Marketing", "contains", "sales", false},
		{"job", "Élodie Ünal", "contains", "ÜNAL", true},
		{"job", "Head of Marketing", "starts_with", "head", true},
		{"job", "Head of Marketing", "starts_with", "marketing", false},
		{"job", absent, "contains", "", false},
		// is_empty, not_empty: blank text is empty; a number never is.
		{"job", "  ", "is_empty", "", true},
		{"job", absent, "is_empty", "", true},
		{"size", 0.0, "is_empty", "", false},
		{"job", "x", "not_empty", "", true},
		{"job", absent, "not_empty", "", false},
		// in: one of a comma-separated list.
		{"country", " be ", "in", "fr, BE ,ca", true},
		{"country", "de", "in", "fr, be", false},
		{"size", 5.0, "in", "4,5,6", true},
		{"country", absent, "in", "fr", false},
		// gt, gte, lt, lte: numbers, also held as text; text that is not a
		// number never compares.
		{"size", 120.0, "gt", "100", true},
		{"size", 100.0, "gt", "100", false},
		{"size", 100.0, "gte", "100", true},
		{"size", 99.5, "lt", "100", true},
		{"size", 100.0, "lte", "100", true},
		{"code", " 150 ", "gt", "100", true},
		{"code", "lots", "gt", "100", false},
		{"size", 120.0, "gt", "many", false},
		{"size", absent, "lt", "100", false},
		// Temperatures and stages compare by their place on the ladder.
		{"temperature", "hot", "gte", "warm", true},
		{"temperature", "cold", "gte", "warm", false},
		{"temperature", "Hot", "gt", "HOT", false},
		{"temperature", "lukewarm", "lt", "hot", false},
		{"stage", "mql", "gt", "lead", true},
		{"stage", "mql", "lt", "customer", true},
		{"stage", "lead", "gte", "sql", false},
		// before, after: dates in the common formats.
		{"birth_date", "1990-05-01", "before", "2000-01-01", true},
		{"birth_date", "1990-05-01", "after", "2000-01-01", false},
		{"birth_date", "01/05/2001", "after", "2000-12-31", true},
		{"birth_date", "soon", "before", "2000-01-01", false},
		{"birth_date", "1990-05-01", "before", "someday", false},
		// within_days: in the last N days, not in the future.
		{"trial_start", "2026-02-20", "within_days", "30", true},
		{"trial_start", "2026-01-01", "within_days", "30", false},
		{"trial_start", "2026-03-05", "within_days", "30", false},
		{"trial_start", "2026-02-20", "within_days", "a month", false},
		// An operator nobody knows holds for nobody.
		{"country", "France", "sounds_like", "France", false},
	}
	for _, r := range rows {
		present := r.got != absent
		got := r.got
		if !present {
			got = nil
		}
		fc := CompileFieldCheck(r.field, r.op, r.want)
		if v := fc.Value(got, present, now); v != r.holds {
			t.Errorf("%s %v %s %q: %v, want %v", r.field, r.got, r.op, r.want, v, r.holds)
		}
		c := &contact.Contact{Identity: map[string]string{}, Fields: map[string]any{}}
		switch s, _ := got.(string); {
		case !present:
		case r.field == "temperature":
			c.Temperature = s
		case r.field == "stage":
			c.Stage = s
		case contact.IsIdentity(r.field):
			c.Identity[r.field] = s
		default:
			c.Fields[r.field] = got
		}
		if v := fc.Eval(c, now); v != r.holds {
			t.Errorf("%s %v %s %q on a contact: %v, want %v", r.field, r.got, r.op, r.want, v, r.holds)
		}
	}
}

// TestScoreCheck: the score condition reads the score, the temperature and
// the stage without boxing them, and answers as the field check would.
func TestScoreCheck(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	c := &contact.Contact{Score: 42, Temperature: "warm", Stage: "lead"}
	for _, r := range []struct {
		metric, op, want string
		holds            bool
	}{
		{"score", "gte", "42", true},
		{"score", "gt", "42", false},
		{"score", "equals", "42", true},
		{"score", "not_equals", "41", true},
		{"temperature", "gte", "warm", true},
		{"temperature", "gt", "warm", false},
		{"stage", "lt", "mql", true},
		{"stage", "equals", "LEAD", true},
	} {
		fc := CompileFieldCheck(r.metric, r.op, r.want)
		if got := scoreHolds(fc, c, now); got != r.holds {
			t.Errorf("%s %s %s: %v, want %v", r.metric, r.op, r.want, got, r.holds)
		}
		got, present := c.Get(r.metric)
		if v, _ := Compare(r.metric, got, present, r.op, r.want, now); v != r.holds {
			t.Errorf("Compare %s %s %s: %v, want %v", r.metric, r.op, r.want, v, r.holds)
		}
	}
}
