package engine

import (
	"context"
	"strings"
	"testing"

	"flightplan/engine/flow"
)

// The simulation panel's website editor: a built-in audience's personas
// with how they visit, and edits that reach the run. A funnel asking
// "30 s or more on a pricing page" answers no for everyone when the
// personas read 2 to 20 s, and yes for some when they read 40 to 90 s.
func TestSimulationPersonaVisits(t *testing.T) {
	ctx := context.Background()
	e, _, _ := testEngine(t)
	vs, err := e.SimulationPersonaVisits("cold-b2b")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 2 || vs[0].Persona != "decision-maker" || vs[0].Name.Fr == "" || vs[0].VisitsPerWeek != 0.35 || vs[0].Pages != 2.5 || vs[0].Seconds != [2]float64{20, 150} {
		t.Fatalf("cold-b2b personas: %+v", vs)
	}
	f := flow.New("read-pricing", "Read pricing")
	f.Nodes = []flow.Node{
		{ID: "start", Type: "trigger.contact_created"},
		{ID: "week", Type: "wait.delay", Config: map[string]any{"duration": "7d"}},
		{ID: "read", Type: "condition.behaviour", Config: map[string]any{"event_type": "page_left", "filter": map[string]any{"url": "*/pricing*", "seconds": ">=30"}}},
		{ID: "yes", Type: "action.tag_add", Config: map[string]any{"tag": "read"}},
		{ID: "no", Type: "action.tag_add", Config: map[string]any{"tag": "skimmed"}},
	}
	f.Edges = []flow.Edge{{From: "start", To: "week"}, {From: "week", To: "read"}, {From: "read", Port: "yes", To: "yes"}, {From: "read", Port: "no", To: "no"}}
	if _, err := e.SaveDraft(*f); err != nil {
		t.Fatal(err)
	}
	yes := func(secs [2]float64) int {
		t.Helper()
		edited := append([]PersonaVisits(nil), vs...)
		for i := range edited {
			edited[i].VisitsPerWeek, edited[i].Seconds = 7, secs
		}
		r, err := e.Simulate(ctx, SimRequest{FlowID: f.ID, Preset: "cold-b2b", N: 1000, Days: 8, Seed: 2, Visits: edited}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, fl := range r.Flows {
			for _, ed := range fl.Edges {
				if ed.From == "read" && ed.Port == "yes" {
					return ed.Count
				}
			}
		}
		return 0
	}
	if n := yes([2]float64{2, 20}); n != 0 {
		t.Errorf("personas reading 2 to 20 s: %d stayed 30 s", n)
	}
	if n := yes([2]float64{40, 90}); n < 500 {
		t.Errorf("personas reading 40 to 90 s, a visit a day: only %d of 1000 stayed 30 s on pricing", n)
	}
	bad := append([]PersonaVisits(nil), vs...)
	bad[1].Seconds = [2]float64{60, 10}
	if _, err := e.Simulate(ctx, SimRequest{FlowID: f.ID, Preset: "cold-b2b", N: 10, Days: 8, Visits: bad}, nil); err == nil || !strings.Contains(err.Error(), `persona "practitioner": seconds on a page 60 to 10`) {
		t.Errorf("reversed seconds: %v", err)
	}
}
