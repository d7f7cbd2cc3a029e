// Package condtable is the table of yes/no checks that every condition type
// and every comparison the inspector offers must get right. The node tests
// run it against the executors, and the journey contract tests run it
// through the live runner and the simulator, which must agree on every row.
package condtable

import (
	"fmt"
	"strconv"
	"time"

	"flightplan/engine/contact"
)

// Event is something a profile did, Ago before the check runs.
type Event struct {
	Type  string
	Props map[string]any
	Ago   time.Duration
}

// Profile is one contact the rows are checked against.
type Profile struct {
	Contact contact.Contact
	Lists   []string
	Events  []Event
}

// Row is one check: a condition node's type and config, and the port
// ("yes" or "no") it must take for each profile, as one letter per
// profile in Profiles order ("nyyn").
type Row struct {
	Type   string
	Config map[string]any
	Want   string
}

// Port returns the port the row must take for profile i.
func (r Row) Port(i int) string {
	if r.Want[i] == 'y' {
		return "yes"
	}
	return "no"
}

// String names the row in test failures.
func (r Row) String() string { return fmt.Sprintf("%s %v", r.Type, r.Config) }

const day = 24 * time.Hour

// Profiles are four contacts from a new subscriber to a hot customer. Every
// event is at least a day old, so a check runs the same whether the
// contact entered the funnel an hour ago or just now.
func Profiles() []Profile {
	return []Profile{
		{Contact: contact.Contact{Email: "new@example.com", Identity: map[string]string{"country": "France"}, Fields: map[string]any{},
			Score: 0, Temperature: "cold", Stage: "subscriber"}},
		{Contact: contact.Contact{Email: "reader@example.com", Identity: map[string]string{"country": "Canada", "birth_date": "2026-02-20"},
			Fields: map[string]any{"size": 120.0, "plan": "pro"}, Tags: []string{"vip"}, Score: 35, Temperature: "warm", Stage: "lead"},
			Lists: []string{"newsletter"},
			Events: []Event{
				{Type: contact.EventPageVisited, Props: map[string]any{"url": "https://example.com/pricing"}, Ago: 2 * day},
				{Type: contact.EventPageVisited, Props: map[string]any{"url": "https://example.com/blog"}, Ago: 8 * day},
			}},
		{Contact: contact.Contact{Email: "hot@example.com", Identity: map[string]string{"country": "Canada", "phone": "+1 514 555 0100"},
			Fields: map[string]any{"size": 5.0}, Score: 70, Temperature: "hot", Stage: "mql"},
			Events: []Event{
				{Type: contact.EventPageVisited, Props: map[string]any{"url": "https://example.com/pricing"}, Ago: 2 * day},
				{Type: contact.EventPageVisited, Props: map[string]any{"url": "https://example.com/pricing/team"}, Ago: 3 * day},
				{Type: contact.EventFormSubmitted, Props: map[string]any{"form": "demo"}, Ago: day},
			}},
		{Contact: contact.Contact{Email: "client@example.com", Identity: map[string]string{"country": "Belgium", "birth_date": "1990-05-01"},
			Fields: map[string]any{}, Tags: []string{"vip"}, Score: 95, Temperature: "hot", Stage: "customer"},
			Lists: []string{"customers", "newsletter"}},
	}
}

// Ladders of the ordered values, lowest first, written out here rather
// than read from the engine so the table checks the engine's order.
var (
	temperatures = []string{"cold", "warm", "hot"}
	stages       = []string{"subscriber", "lead", "mql", "sql", "customer"}
	orderedOps   = []string{"equals", "not_equals", "gt", "gte", "lt", "lte"}
)

func pos(ladder []string, v string) int {
	for i, x := range ladder {
		if x == v {
			return i
		}
	}
	panic("not on the ladder: " + v)
}

func holds(op string, a, b float64) bool {
	switch op {
	case "equals":
		return a == b
	case "not_equals":
		return a != b
	case "gt":
		return a > b
	case "gte":
		return a >= b
	case "lt":
		return a < b
	case "lte":
		return a <= b
	}
	panic(op)
}

// ordered writes one row per operator and wanted value, the expected ports
// worked out from the profiles' places on the ladder.
func ordered(typ string, cfg func(op, want string) map[string]any, values []string, of func(c *contact.Contact) float64, want func(string) float64) []Row {
	var rows []Row
	ps := Profiles()
	for _, op := range orderedOps {
		for _, v := range values {
			w := make([]byte, len(ps))
			for i := range ps {
				w[i] = "ny"[b2i(holds(op, of(&ps[i].Contact), want(v)))]
			}
			rows = append(rows, Row{Type: typ, Config: cfg(op, v), Want: string(w)})
		}
	}
	return rows
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Rows is the table: every operator of the field check on text, numbers,
// dates and the two ladders; every operator of the score check on the
// score, the temperature and the stage; lists, tags and behaviour windows.
func Rows() []Row {
	rows := []Row{
		{"condition.field", map[string]any{"field": "country", "operator": "equals", "value": "canada"}, "nyyn"},
		{"condition.field", map[string]any{"field": "country", "operator": "not_equals", "value": "Canada"}, "ynny"},
		{"condition.field", map[string]any{"field": "country", "operator": "contains", "value": "AN"}, "yyyn"},
		{"condition.field", map[string]any{"field": "country", "operator": "starts_with", "value": "fr"}, "ynnn"},
		{"condition.field", map[string]any{"field": "phone", "operator": "is_empty"}, "yyny"},
		{"condition.field", map[string]any{"field": "phone", "operator": "not_empty"}, "nnyn"},
		{"condition.field", map[string]any{"field": "size", "operator": "gt", "value": "100"}, "nynn"},
		{"condition.field", map[string]any{"field": "size", "operator": "gte", "value": "120"}, "nynn"},
		{"condition.field", map[string]any{"field": "size", "operator": "lt", "value": "100"}, "nnyn"},
		{"condition.field", map[string]any{"field": "size", "operator": "lte", "value": "5"}, "nnyn"},
		{"condition.field", map[string]any{"field": "birth_date", "operator": "before", "value": "2026-01-01"}, "nnny"},
		{"condition.field", map[string]any{"field": "birth_date", "operator": "after", "value": "2026-01-01"}, "nynn"},
		{"condition.field", map[string]any{"field": "birth_date", "operator": "within_days", "value": "40"}, "nynn"},
		{"condition.field", map[string]any{"field": "country", "operator": "in", "value": "Belgium, france"}, "ynny"},
		{"condition.field", map[string]any{"field": "plan", "operator": "equals", "value": "PRO"}, "nynn"},
		{"condition.list", map[string]any{"list": "newsletter"}, "nyny"},
		{"condition.list", map[string]any{"list": "customers"}, "nnny"},
		{"condition.tag", map[string]any{"tag": "vip"}, "nyny"},
		{"condition.behaviour", map[string]any{"event_type": contact.EventPageVisited, "window": "ever"}, "nyyn"},
		{"condition.behaviour", map[string]any{"event_type": contact.EventPageVisited, "min_count": 2.0, "window": "ever"}, "nyyn"},
		{"condition.behaviour", map[string]any{"event_type": contact.EventPageVisited, "min_count": 2.0, "window": "last_days", "days": 7.0}, "nnyn"},
		{"condition.behaviour", map[string]any{"event_type": contact.EventPageVisited, "filter": map[string]any{"url": "*pricing"}, "min_count": 2.0}, "nnyn"},
		{"condition.behaviour", map[string]any{"event_type": contact.EventFormSubmitted, "window": "since_entry"}, "nnnn"},
		// The case, written out: hot is at least hot.
		{"condition.score", map[string]any{"metric": "temperature", "operator": "gte", "temperature": "hot"}, "nnyy"},
	}
	temp := func(c *contact.Contact) float64 { return float64(pos(temperatures, c.Temperature)) }
	stage := func(c *contact.Contact) float64 { return float64(pos(stages, c.Stage)) }
	rows = append(rows, ordered("condition.score", func(op, v string) map[string]any {
		return map[string]any{"metric": "score", "operator": op, "value": v}
	}, []string{"0", "35", "50", "95"}, func(c *contact.Contact) float64 { return c.Score }, func(v string) float64 {
		n, _ := strconv.ParseFloat(v, 64)
		return n
	})...)
	rows = append(rows, ordered("condition.score", func(op, v string) map[string]any {
		return map[string]any{"metric": "temperature", "operator": op, "temperature": v}
	}, temperatures, temp, func(v string) float64 { return float64(pos(temperatures, v)) })...)
	rows = append(rows, ordered("condition.score", func(op, v string) map[string]any {
		return map[string]any{"metric": "stage", "operator": op, "stage": v}
	}, stages, stage, func(v string) float64 { return float64(pos(stages, v)) })...)
	rows = append(rows, ordered("condition.field", func(op, v string) map[string]any {
		return map[string]any{"field": "temperature", "operator": op, "value": v}
	}, temperatures, temp, func(v string) float64 { return float64(pos(temperatures, v)) })...)
	rows = append(rows, ordered("condition.field", func(op, v string) map[string]any {
		return map[string]any{"field": "stage", "operator": op, "value": v}
	}, stages, stage, func(v string) float64 { return float64(pos(stages, v)) })...)
	return rows
}
