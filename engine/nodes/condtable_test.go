package nodes

import (
	"context"
	"fmt"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes/condtable"
)

// Every row of the condition table takes the expected port for every
// profile, and the table covers every operator the inspector offers.
func TestConditionTable(t *testing.T) {
	profiles := condtable.Profiles()
	rows := condtable.Rows()
	for _, row := range rows {
		for i, p := range profiles {
			c := p.Contact
			c.ID = int64(i + 1)
			c.Lists = p.Lists
			env := &fakeEnv{}
			for _, e := range p.Events {
				env.events = append(env.events, contact.Event{Type: e.Type, Props: e.Props, At: now.Add(-e.Ago)})
			}
			res := run(t, row.Type, row.Config, &c, env, nil)
			if res.Port != row.Port(i) {
				t.Errorf("%s on %s: took %q, want %q (%s)", row, c.Email, res.Port, row.Port(i), res.Reason)
			}
			// A counts-only simulation skips the reasons: same answer.
			if q := runQuiet(t, row.Type, row.Config, &c, env); q != res.Port {
				t.Errorf("%s on %s: quiet took %q, with reasons %q", row, c.Email, q, res.Port)
			}
		}
	}
	// Coverage: a new operator or condition type must get rows here.
	seen := map[string]bool{}
	for _, row := range rows {
		op, _ := row.Config["operator"].(string)
		metric, _ := row.Config["metric"].(string)
		seen[row.Type+"/"+metric+"/"+op] = true
		seen[row.Type] = true
		if win, ok := row.Config["window"].(string); ok {
			seen[row.Type+"/window/"+win] = true
		}
	}
	var want []string
	for _, o := range Operators {
		want = append(want, "condition.field//"+o.Value)
	}
	for _, m := range []string{"score", "temperature", "stage"} {
		for _, o := range OrderedOperators {
			want = append(want, fmt.Sprintf("condition.score/%s/%s", m, o.Value))
		}
	}
	for _, w := range windowFields[0].Options {
		want = append(want, "condition.behaviour/window/"+w.Value)
	}
	// Checks that need a sent email, a saved segment or a script have
	// their own tests (TestConditions, the simulator's gallery equivalence).
	elsewhere := map[string]bool{"condition.email_engagement": true, "condition.segment": true, "condition.lua": true}
	for _, s := range MustRegistry().Specs() {
		if s.Kind == KindCondition && !elsewhere[s.Type] {
			want = append(want, s.Type)
		}
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("the condition table has no row for %s", w)
		}
	}
	t.Logf("%d rows × %d profiles", len(rows), len(profiles))
}

// The score check's operators are the ordered ones, and its temperature and
// stage are ordered choices: the inspector offers nothing that cannot hold.
func TestScoreCheckOffersOrderedChoices(t *testing.T) {
	s, _ := MustRegistry().Lookup("condition.score")
	if got := s.Field("operator").Options; len(got) != len(OrderedOperators) {
		t.Errorf("operators: %v", got)
	}
	for _, name := range []string{"temperature", "stage"} {
		f := s.Field(name)
		if f == nil || !f.Ordered || len(f.Options) < 3 {
			t.Fatalf("%s: %+v", name, f)
		}
	}
	if s.Field("stage").Options[0].Value != contact.Stages[0] || s.Field("stage").Options[len(contact.Stages)-1].Value != "customer" {
		t.Errorf("stage ladder: %v", s.Field("stage").Options)
	}
	if s.Field("value").Type != FNumber {
		t.Errorf("score value must be a number")
	}
}

// A wait for an event with a look-back counts an event that happened in the
// window before the wait began, and waits as before otherwise.
func TestWaitEventLookback(t *testing.T) {
	env := &fakeEnv{events: []contact.Event{{Type: "email_opened", At: now.Add(-36 * time.Hour)}}}
	r := run(t, "wait.event", map[string]any{"event_type": "email_opened", "timeout": "3d", "lookback": "2d"}, nil, env, nil)
	if r.Port != "met" || r.WaitFor != nil || en(r.Reason) != "Already done in the last 2 days: opened an email" {
		t.Errorf("opened 36 hours ago, look back 2 days: %+v", r)
	}
	r = run(t, "wait.event", map[string]any{"event_type": "email_opened", "timeout": "3d", "lookback": "1d"}, nil, env, nil)
	if r.Port != "" || r.WaitFor == nil || !r.WaitUntil.Equal(now.Add(72*time.Hour)) {
		t.Errorf("opened 36 hours ago, look back 1 day: %+v", r)
	}
	r = run(t, "wait.event", map[string]any{"event_type": "email_opened", "timeout": "3d"}, nil, env, nil)
	if r.Port != "" || r.WaitFor == nil {
		t.Errorf("no look-back: %+v", r)
	}
	r = run(t, "wait.event", map[string]any{"event_type": "email_opened", "filter": map[string]any{"node": "x"}, "lookback": "2d"}, nil, env, nil)
	if r.Port != "" || r.WaitFor == nil {
		t.Errorf("look-back honours the filter: %+v", r)
	}
}

func runQuiet(t *testing.T, typ string, cfg map[string]any, c *contact.Contact, env *fakeEnv) string {
	t.Helper()
	s, _ := MustRegistry().Lookup(typ)
	n := &flow.Node{ID: "n", Type: typ, Config: cfg}
	res, err := s.Executor()(&Ctx{Context: context.Background(), Flow: &flow.Flow{ID: "f", Nodes: []flow.Node{*n}}, Node: n, Spec: s, Contact: c, Now: now,
		EnteredAt: now.Add(-time.Hour), Location: time.UTC, Env: env, Quiet: true})
	if err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
	if !res.Reason.IsZero() {
		t.Errorf("%s: a quiet step wrote a reason: %v", typ, res.Reason)
	}
	return res.Port
}
