package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/runner"
	"flightplan/engine/store"
)

func luaFlow(script string) *flow.Flow {
	f := flow.New("lua", "Lua")
	f.Nodes = []flow.Node{
		{ID: "start", Type: "trigger.manual"},
		{ID: "rule", Type: "condition.lua", Config: map[string]any{"script": script, "params": map[string]any{"min_visits": 2.0}}},
		{ID: "hot", Type: "action.tag_add", Config: map[string]any{"tag": "hot"}},
		{ID: "cold", Type: "exit"},
	}
	f.Edges = []flow.Edge{{From: "start", To: "rule"}, {From: "rule", Port: "yes", To: "hot"}, {From: "rule", Port: "no", To: "cold"}}
	return f
}

// A library script decides a branch; a broken workspace script fails its
// node with the line number, in the journal, never a silent "no".
func TestLuaConditionsInFlows(t *testing.T) {
	e, _, now := testEngine(t)
	ctx := context.Background()
	hot, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "hot@example.com"}, nil)
	cold, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "cold@example.com"}, nil)
	for i := 0; i < 3; i++ {
		e.Store.DB().Exec(`INSERT INTO events(contact_id,type,props,at,received_at,processed) VALUES(?,?,?,?,?,1)`, hot, "page_visited", `{"path":"/pricing","url":"https://example.com/pricing"}`, now.Add(-time.Hour).UnixMilli(), now.UnixMilli())
	}
	if _, err := e.Store.Publish(luaFlow("hot_lead_pricing"), "", now); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Runner.Enroll(ctx, "lua", []int64{hot, cold}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]string{hot: "yes", cold: "no"} {
		steps, _ := e.Runner.Path(ctx, id, "lua")
		if len(steps) < 2 || steps[1].Port != want {
			t.Errorf("contact %d: %+v, want port %s", id, steps, want)
		}
	}
	// A workspace script with a runtime error on line 3.
	e.Store.DB().Exec(`INSERT INTO scripts(name, kind, source, updated_at) VALUES('broken','condition',?,0)`, "local x = 1\nlocal y = nil\nreturn y.field > x\n")
	f := luaFlow("broken")
	f.ID = "lua2"
	e.Store.Publish(f, "", now)
	e.Runner.Enroll(ctx, "lua2", []int64{cold})
	steps, _ := e.Runner.Path(ctx, cold, "lua2")
	last := steps[len(steps)-1]
	if last.Outcome != "error" || !strings.Contains(last.Why.Get("error"), `script "broken"`) || !strings.Contains(last.Why.Get("error"), "line 3") {
		t.Errorf("broken script step: %+v", last)
	}
	var status string
	e.Store.DB().QueryRow(`SELECT status FROM enrollments WHERE flow_id='lua2'`).Scan(&status)
	if status != "error" {
		t.Errorf("enrollment status %q, want error", status)
	}
}

// Declarative scoring runs on live events: +5 per pricing visit, and the
// lead-nurturing trigger "lead gets hot" fires when the score crosses 60.
func TestScoringRulesOnLiveEvents(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	e, err := New(Options{Workspace: testWorkspace(t), Clock: clock.NewVirtual(now)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	err = contacts.SaveScoring(ctx, e.Store, contacts.ScoringConfig{Rules: []contacts.ScoringRule{
		{Name: "Pricing page", Event: "page_visited", Filters: []contacts.PropFilter{{Key: "url", Op: "contains", Value: "/pricing"}}, Points: 25, Enabled: true},
		{Name: "Unsubscribe", Event: "unsubscribed", Points: -10, Enabled: true},
	}}, now)
	if err != nil {
		t.Fatal(err)
	}
	f := flow.New("hot", "Hot")
	f.Settings.Reentry = flow.ReentryOnce
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.score_reached", Config: map[string]any{"metric": "temperature", "temperature": "hot"}}, {ID: "tag", Type: "action.tag_add", Config: map[string]any{"tag": "hot-lead"}}}
	f.Edges = []flow.Edge{{From: "t", To: "tag"}}
	e.Store.Publish(f, "", now)
	id, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "p@example.com"}, nil)
	for i := 0; i < 3; i++ {
		e.Runner.Ingest(ctx, []runnerEvent{{ContactID: id, Type: "page_visited", Props: map[string]any{"url": "https://x.com/pricing"}}}, "test")
		e.Runner.Ingest(ctx, []runnerEvent{{ContactID: id, Type: "page_visited", Props: map[string]any{"url": "https://x.com/blog"}}}, "test")
	}
	if _, err := e.Runner.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	c, _ := store.LoadContact(ctx, e.Store.ReadDB(), id)
	if c.Score != 75 || c.Temperature != "hot" || !c.HasTag("hot-lead") {
		t.Fatalf("score %g, temperature %s, tags %v; want 75, hot, hot-lead", c.Score, c.Temperature, c.Tags)
	}
	var causes int
	e.Store.ReadDB().QueryRow(`SELECT count(*) FROM score_history WHERE contact_id=? AND cause LIKE '%Pricing page%'`, id).Scan(&causes)
	if causes != 3 {
		t.Errorf("%d score changes recorded with their cause, want 3", causes)
	}
}

type runnerEvent = runner.EventInput

// "Enters a segment" fires once when a contact starts matching a saved
// segment (here: tagged vip), not again while it stays in.
func TestSegmentEnteredTrigger(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	e, err := New(Options{Workspace: testWorkspace(t), Clock: clock.NewVirtual(now)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	if _, err := contacts.SaveSegment(ctx, e.Store.DB(), contacts.Segment{ID: "vips", Name: "VIPs", Match: "all",
		Rules: []contacts.Rule{{Kind: "tag", Op: "has", Value: "vip"}}}, now); err != nil {
		t.Fatal(err)
	}
	f := flow.New("welcome-vip", "Welcome VIP")
	f.Settings.Reentry = flow.ReentryAlways
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.segment_entered", Config: map[string]any{"segment": "vips"}}, {ID: "score", Type: "action.score", Config: map[string]any{"points": 10.0}}}
	f.Edges = []flow.Edge{{From: "t", To: "score"}}
	e.Store.Publish(f, "", now)
	id, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "v@example.com"}, nil)
	e.Runner.RunOnce(ctx)
	e.Store.DB().Exec(`INSERT INTO contact_tags(contact_id, tag, added_at) VALUES(?, 'vip', 0)`, id)
	for i := 0; i < 3; i++ {
		e.Runner.Ingest(ctx, []runnerEvent{{ContactID: id, Type: "page_visited"}}, "test")
		if _, err := e.Runner.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	steps, _ := e.Runner.Path(ctx, id, "welcome-vip")
	if len(steps) != 2 {
		t.Fatalf("path %+v, want one journey of 2 steps", steps)
	}
}

// A segment defined by time ("no visit in the last 7 days") is entered as
// time passes, with nothing happening to the contact: the hourly sweep
// notices it. Members at publication are recorded without starting the
// funnel.
func TestSegmentEnteredByTime(t *testing.T) {
	e, clk, now := testEngine(t)
	ctx := context.Background()
	if _, err := contacts.SaveSegment(ctx, e.Store.DB(), contacts.Segment{ID: "dormant", Name: "Dormant", Match: "all",
		Rules: []contacts.Rule{{Kind: "event", Op: "did_not", Event: "page_visited", Days: 7}}}, now); err != nil {
		t.Fatal(err)
	}
	already, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "already@example.com"}, nil)
	active, _ := e.Runner.CreateContact(ctx, &contact.Contact{Email: "active@example.com"}, nil)
	e.Runner.Ingest(ctx, []runnerEvent{{ContactID: active, Type: "page_visited"}}, "test")
	f := flow.New("wake-up", "Wake up")
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.segment_entered", Config: map[string]any{"segment": "dormant"}}, {ID: "tag", Type: "action.tag_add", Config: map[string]any{"tag": "dormant"}}}
	f.Edges = []flow.Edge{{From: "t", To: "tag"}}
	if _, err := e.Store.Publish(f, "", now); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Runner.RunUntil(ctx, clk, now.Add(10*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id   int64
		want int
	}{{already, 0}, {active, 2}} {
		steps, err := e.Runner.Path(ctx, tc.id, "wake-up")
		if err != nil || len(steps) != tc.want {
			t.Errorf("contact %d: path %+v (%v), want %d steps", tc.id, steps, err, tc.want)
		}
	}
	var at int64
	e.Store.DB().QueryRow(`SELECT at FROM events WHERE type='segment_entered' AND contact_id=?`, active).Scan(&at)
	if got := store.FromMS(at); got.Before(now.Add(7*24*time.Hour)) || got.After(now.Add(7*24*time.Hour+time.Hour)) {
		t.Errorf("entered the segment at %s, want within the hour after the visit is 7 days old", got)
	}
}

// testEngine opens an engine on a new workspace with a virtual clock at a
// Monday morning; it is closed when the test ends.
func testEngine(t *testing.T) (*Engine, *clock.Virtual, time.Time) {
	t.Helper()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clk := clock.NewVirtual(now)
	e, err := New(Options{Workspace: testWorkspace(t), Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, clk, now
}
