package nodes

import (
	"context"
	"encoding/json"
	"flag"
	"flightplan/engine/words"
	"os"
	"strings"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The catalogue is a reviewed artefact: any change to a spec shows as a diff
// of testdata/catalogue.golden.json (regenerate with -update).
func TestCatalogueGolden(t *testing.T) {
	reg := MustRegistry()
	got, err := json.MarshalIndent(reg.Catalogue(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	const path = "testdata/catalogue.golden.json"
	if *update {
		os.WriteFile(path, append(got, '\n'), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(want)) != strings.TrimSpace(string(got)) {
		t.Fatal("catalogue changed: review and run go test ./engine/nodes -update")
	}
}

func TestRegistryRefusesBadSpecs(t *testing.T) {
	ok := func(c *Ctx) (Result, error) { return Result{}, nil }
	base := Spec{Type: "action.x", Kind: KindAction, Category: CatDo, Title: T("X", "X"), Help: T("x", "x"), exec: ok}
	cases := map[string]func(s *Spec){
		"bad type name":      func(s *Spec) { s.Type = "Action X" },
		"unknown kind":       func(s *Spec) { s.Kind = "robot" },
		"unknown category":   func(s *Spec) { s.Category = "misc" },
		"no executor":        func(s *Spec) { s.exec = nil },
		"missing french":     func(s *Spec) { s.Title.Fr = "" },
		"duplicate port":     func(s *Spec) { s.Ports = []Port{{"a", T("A", "A")}, {"a", T("A", "A")}} },
		"unknown field type": func(s *Spec) { s.Fields = []Field{{Name: "f", Type: "colour", Label: T("F", "F")}} },
		"enum no options":    func(s *Spec) { s.Fields = []Field{{Name: "f", Type: FEnum, Label: T("F", "F")}} },
		"bad show_if": func(s *Spec) {
			s.Fields = []Field{{Name: "f", Type: FString, Label: T("F", "F"), ShowIf: &ShowIf{"nope", nil}}}
		},
		"trigger with input":  func(s *Spec) { s.Kind = KindTrigger; s.Input = true },
		"two links an output": func(s *Spec) { s.LinksPerOutput = 2 },
	}
	for name, mutate := range cases {
		s := base
		mutate(&s)
		if _, err := NewRegistry(s); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := NewRegistry(base, base); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("duplicate type: %v", err)
	}
	r, err := NewRegistry(base)
	if err != nil {
		t.Fatalf("valid spec refused: %v", err)
	}
	if s, _ := r.Lookup("action.x"); s.LinksPerOutput != 1 {
		t.Errorf("links per output left undeclared became %d, want 1", s.LinksPerOutput)
	}
}

// fakeEnv answers the executors' questions from fixed data.
type fakeEnv struct {
	events  []contact.Event
	engaged bool
	sent    bool
	hour    int
	learned bool
	// mates are the workspace's teammates: id → address.
	mates map[string]string
}

func (f *fakeEnv) TeammateEmail(_ context.Context, id string) (string, bool, error) {
	e, ok := f.mates[id]
	return e, ok, nil
}

func (f *fakeEnv) CountEvents(_ context.Context, _ int64, typ string, filter map[string]string, since time.Time) (int, error) {
	n := 0
	for _, e := range f.events {
		if e.Type == typ && !e.At.Before(since) && e.Matches(filter) {
			n++
		}
	}
	return n, nil
}
func (f *fakeEnv) EmailEngagement(context.Context, int64, string, string) (bool, bool, error) {
	return f.sent, f.engaged, nil
}
func (f *fakeEnv) InSegment(context.Context, *contact.Contact, string) (bool, error) {
	return true, nil
}
func (f *fakeEnv) Script(context.Context, string, string, map[string]any, *Ctx) (any, error) {
	return true, nil
}
func (f *fakeEnv) BestHour(context.Context, int64) (int, bool, error) { return f.hour, f.learned, nil }
func (f *fakeEnv) FlowExists(context.Context, string) bool            { return true }

var now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC) // Monday

func run(t *testing.T, typ string, cfg map[string]any, c *contact.Contact, env *fakeEnv, resumed *Resume) Result {
	t.Helper()
	reg := MustRegistry()
	s, ok := reg.Lookup(typ)
	if !ok {
		t.Fatalf("no %s", typ)
	}
	n := &flow.Node{ID: "n", Type: typ, Config: cfg}
	f := &flow.Flow{ID: "f", Nodes: []flow.Node{*n}}
	if c == nil {
		c = &contact.Contact{ID: 1, Email: "a@example.com", Identity: map[string]string{}, Fields: map[string]any{}}
	}
	if env == nil {
		env = &fakeEnv{}
	}
	res, err := s.Executor()(&Ctx{Context: context.Background(), Flow: f, Node: n, Spec: s, Contact: c, Now: now,
		EnteredAt: now.Add(-time.Hour), Location: time.UTC, Env: env, Resumed: resumed})
	if err != nil {
		t.Fatalf("%s: %v", typ, err)
	}
	return res
}

func TestConditions(t *testing.T) {
	fr := &contact.Contact{ID: 1, Email: "a@example.com", Identity: map[string]string{"country": "FR", "birth_date": "2026-02-20"},
		Fields: map[string]any{"size": 120.0}, Lists: []string{"vip"}, Tags: []string{"hot"}, Score: 42, Stage: "mql", Temperature: "warm"}
	env := &fakeEnv{events: []contact.Event{
		{Type: "page_visited", Props: map[string]any{"url": "/pricing"}, At: now.Add(-48 * time.Hour)},
		{Type: "page_visited", Props: map[string]any{"url": "/pricing"}, At: now.Add(-10 * 24 * time.Hour)},
		{Type: "page_visited", Props: map[string]any{"url": "/blog"}, At: now.Add(-time.Minute)},
	}}
	cases := []struct {
		typ  string
		cfg  map[string]any
		port string
		why  string
	}{
		{"condition.field", map[string]any{"field": "country", "operator": "equals", "value": "US"}, "no", `Country is “FR”; the check wanted: is “US”`},
		{"condition.field", map[string]any{"field": "country", "operator": "in", "value": "BE, FR"}, "yes", ""},
		{"condition.field", map[string]any{"field": "size", "operator": "gt", "value": "100"}, "yes", ""},
		{"condition.field", map[string]any{"field": "phone", "operator": "is_empty"}, "yes", ""},
		{"condition.field", map[string]any{"field": "birth_date", "operator": "within_days", "value": "30"}, "yes", ""},
		{"condition.field", map[string]any{"field": "birth_date", "operator": "before", "value": "2026-01-01"}, "no", ""},
		{"condition.list", map[string]any{"list": "VIP"}, "yes", `Is in the list “VIP”`},
		{"condition.tag", map[string]any{"tag": "cold"}, "no", ""},
		{"condition.score", map[string]any{"metric": "score", "operator": "gte", "value": "40"}, "yes", ""},
		{"condition.score", map[string]any{"metric": "stage", "operator": "gte", "stage": "sql"}, "no", `Lifecycle stage is “Marketing qualified (MQL)”; the check wanted: is at least “Sales qualified (SQL)”`},
		{"condition.score", map[string]any{"metric": "temperature", "operator": "equals", "temperature": "warm"}, "yes", ""},
		{"condition.score", map[string]any{"metric": "temperature", "operator": "gte", "temperature": "warm"}, "yes", `Temperature is “Warm”; the check wanted: is at least “Warm”`},
		{"condition.behaviour", map[string]any{"event_type": "page_visited", "filter": map[string]any{"url": "*pricing"}, "min_count": 2.0, "window": "ever"}, "yes", "Visited a page: 2 times ever"},
		{"condition.behaviour", map[string]any{"event_type": "page_visited", "filter": map[string]any{"url": "*pricing"}, "min_count": 2.0, "window": "last_days", "days": 7.0}, "no", "1 time in the last 7 days"},
		{"condition.behaviour", map[string]any{"event_type": "page_visited", "window": "since_entry"}, "yes", "since entering"},
	}
	for _, tc := range cases {
		res := run(t, tc.typ, tc.cfg, fr, env, nil)
		if res.Port != tc.port || !strings.Contains(en(res.Reason), tc.why) {
			t.Errorf("%s %v: port %q reason %q; want %q containing %q", tc.typ, tc.cfg, res.Port, en(res.Reason), tc.port, tc.why)
		}
	}
	if r := run(t, "condition.email_engagement", map[string]any{"email_node": "hello", "engagement": "opened"}, nil, &fakeEnv{sent: false}, nil); r.Port != "no" || !strings.Contains(en(r.Reason), "not sent") {
		t.Errorf("engagement unsent: %+v", r)
	}
	if r := run(t, "condition.email_engagement", map[string]any{"email_node": "hello"}, nil, &fakeEnv{sent: true, engaged: true}, nil); r.Port != "yes" {
		t.Errorf("engagement opened: %+v", r)
	}
}

func TestWaits(t *testing.T) {
	r := run(t, "wait.delay", map[string]any{"duration": "2d"}, nil, nil, nil)
	if !r.WaitUntil.Equal(now.Add(48*time.Hour)) || r.Port != "" {
		t.Errorf("delay: %+v", r)
	}
	r = run(t, "wait.delay", map[string]any{"duration": "2d"}, nil, nil, &Resume{WaitStart: now.Add(-48 * time.Hour)})
	if r.Port != "next" || en(r.Reason) != "Waited 2 days" {
		t.Errorf("delay resumed: %+v", r)
	}
	// Monday 10:00: inside 09:00–18:00 weekdays; Saturday-only waits until Saturday 09:00.
	if r = run(t, "wait.window", map[string]any{"from": "09:00", "to": "18:00"}, nil, nil, nil); r.Port != "next" {
		t.Errorf("window open now: %+v", r)
	}
	r = run(t, "wait.window", map[string]any{"from": "09:00", "to": "12:00", "days": []any{"sat"}}, nil, nil, nil)
	if got := r.WaitUntil.Format("Mon 2006-01-02 15:04"); got != "Sat 2026-03-07 09:00" {
		t.Errorf("window: %s", got)
	}
	tokyo := &contact.Contact{ID: 1, Identity: map[string]string{"timezone": "Asia/Tokyo"}}
	reg := MustRegistry()
	s, _ := reg.Lookup("wait.window")
	n := &flow.Node{ID: "w", Type: "wait.window", Config: map[string]any{"from": "09:00", "to": "18:00"}}
	res, _ := s.Executor()(&Ctx{Context: context.Background(), Flow: &flow.Flow{}, Node: n, Spec: s, Contact: tokyo, Now: now, Location: tokyo.Location(nil), Env: &fakeEnv{}})
	// 10:00 UTC is 19:00 in Tokyo: wait until Tuesday 09:00 Tokyo = 00:00 UTC.
	if got := res.WaitUntil.UTC().Format("2006-01-02 15:04"); got != "2026-03-03 00:00" {
		t.Errorf("tokyo window: %s", got)
	}
	r = run(t, "wait.best_time", map[string]any{"default_hour": 14.0}, nil, &fakeEnv{hour: 7, learned: true}, nil)
	if got := r.WaitUntil.Format("01-02 15:04"); got != "03-03 07:00" || !strings.Contains(en(r.Reason), "learned") {
		t.Errorf("best time learned: %s %s", got, en(r.Reason))
	}
	r = run(t, "wait.best_time", map[string]any{"default_hour": 14.0}, nil, &fakeEnv{}, nil)
	if got := r.WaitUntil.Format("01-02 15:04"); got != "03-02 14:00" {
		t.Errorf("best time default: %s", got)
	}
	r = run(t, "wait.event", map[string]any{"event_type": "purchase", "timeout": "1d"}, nil, nil, nil)
	if r.WaitFor == nil || r.WaitFor.EventType != "purchase" || !r.WaitUntil.Equal(now.Add(24*time.Hour)) {
		t.Errorf("wait event: %+v", r)
	}
	if r = run(t, "wait.event", map[string]any{"event_type": "purchase"}, nil, nil, &Resume{ByEvent: true, WaitStart: now}); r.Port != "met" {
		t.Errorf("met: %+v", r)
	}
	if r = run(t, "wait.event", map[string]any{"event_type": "purchase"}, nil, nil, &Resume{WaitStart: now}); r.Port != "timeout" {
		t.Errorf("timeout: %+v", r)
	}
	r = run(t, "wait.until_date", map[string]any{"mode": "field", "field": "renewal", "offset_days": -3.0, "at_time": "08:30"},
		&contact.Contact{Fields: map[string]any{"renewal": "2026-04-10"}, Identity: map[string]string{}}, nil, nil)
	if got := r.WaitUntil.Format("2006-01-02 15:04"); got != "2026-04-07 08:30" {
		t.Errorf("until date: %s", got)
	}
}

func TestSplitsAndActions(t *testing.T) {
	counts := map[string]int{}
	for i := 1; i <= 2000; i++ {
		c := &contact.Contact{ID: int64(i)}
		r := run(t, "split.random", map[string]any{"branches": []any{map[string]any{"id": "a", "percent": 20.0}, map[string]any{"id": "b", "percent": 80.0}}}, c, nil, nil)
		counts[r.Port]++
	}
	if counts["a"] < 320 || counts["a"] > 480 {
		t.Errorf("A/B 20/80 over 2000: %v", counts)
	}
	c := &contact.Contact{Identity: map[string]string{"country": "Canada"}}
	if r := run(t, "split.field", map[string]any{"field": "country", "cases": []any{"France", "Canada"}}, c, nil, nil); r.Port != "case_canada" {
		t.Errorf("split field: %+v", r)
	}
	if r := run(t, "split.field", map[string]any{"field": "country", "cases": []any{"France"}}, c, nil, nil); r.Port != "other" {
		t.Errorf("split other: %+v", r)
	}
	// The step asks for a marketing email whoever the contact is: who
	// may get it is the journey rules' to say (engine/journey contract
	// scenario "suppressed contacts").
	r := run(t, "action.send_email", map[string]any{"template": "t1"}, &contact.Contact{Email: "x@y.z", Unsubscribed: true}, nil, nil)
	if r.Skipped || len(r.Effects) != 1 || !r.Effects[0].Marketing || r.Effects[0].Name != "t1" {
		t.Errorf("marketing email: %+v", r)
	}
	r = run(t, "action.send_email", map[string]any{"template": "t1", "transactional": true}, &contact.Contact{Email: "x@y.z", Unsubscribed: true}, nil, nil)
	if r.Skipped || len(r.Effects) != 1 || r.Effects[0].Marketing {
		t.Errorf("transactional email: %+v", r)
	}
	r = run(t, "action.notify", map[string]any{"to": "owner"}, &contact.Contact{Identity: map[string]string{"owner": "rep@example.com"}}, nil, nil)
	if len(r.Effects) != 1 || r.Effects[0].Name != "rep@example.com" {
		t.Errorf("notify owner: %+v", r)
	}
	// A teammate is stored by id and alerted at its address; a plain
	// address (older flows) still works.
	mates := &fakeEnv{mates: map[string]string{"tm_ana": "ana@example.com"}}
	if r = run(t, "action.notify", map[string]any{"to": "tm_ana"}, nil, mates, nil); len(r.Effects) != 1 || r.Effects[0].Name != "ana@example.com" {
		t.Errorf("notify teammate: %+v", r)
	}
	if r = run(t, "action.notify", map[string]any{"to": "sam@example.com"}, nil, mates, nil); len(r.Effects) != 1 || r.Effects[0].Name != "sam@example.com" {
		t.Errorf("notify plain address: %+v", r)
	}
	if r = run(t, "action.score", map[string]any{"points": -5.0}, nil, nil, nil); r.Effects[0].Value != -5.0 {
		t.Errorf("score: %+v", r)
	}
	if r = run(t, "action.goto_flow", map[string]any{"flow": "other"}, nil, nil, nil); !r.End || r.Effects[0].Kind != EffGotoFlow {
		t.Errorf("goto: %+v", r)
	}
}

// The compiled check agrees with the general comparison on every operator.
func TestFieldCheckAgreesWithCompare(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	cs := []*contact.Contact{
		{Identity: map[string]string{"country": "FR", "birth_date": "2026-02-20"}, Fields: map[string]any{"size": 120.0, "code": "42"}},
		{Identity: map[string]string{"country": " us "}, Fields: map[string]any{"size": 5.0}},
		{Identity: map[string]string{}, Fields: map[string]any{}},
	}
	for _, field := range []string{"country", "size", "code", "birth_date", "phone"} {
		for _, op := range Operators {
			for _, want := range []string{"US", "fr", "42", "100", "2026-01-01", "30", "us, be", ""} {
				fc := CompileFieldCheck(field, op.Value, want)
				for i, c := range cs {
					got, present := c.Get(field)
					w, _ := Compare(field, got, present, op.Value, want, now)
					if g := fc.Eval(c, now); g != w {
						t.Errorf("%s %s %q on contact %d: compiled %v, general %v", field, op.Value, want, i, g, w)
					}
				}
			}
		}
	}
}

// en is a reason as an English reader sees it.
func en(r words.Reason) string { return words.Render("en", r, "f", nil) }
