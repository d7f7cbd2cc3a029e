package app

import (
	"context"
	"flightplan/engine"
	"testing"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/sim"
)

var benchRules = contacts.ScoringConfig{Rules: []contacts.ScoringRule{
	{Name: "visit", Event: contact.EventPageVisited, Points: 10, Enabled: true},
	{Name: "form", Event: contact.EventFormSubmitted, Points: 20, Enabled: true},
}}

// BenchmarkPreviewScoring is the scoring screen's preview: 10,000 synthetic
// contacts over 30 days, two threshold probes, journal kept for the day
// counts. Compare with BenchmarkPreviewScoringFloor.
func BenchmarkPreviewScoring(b *testing.B) {
	a := newApp(b)
	req := engine.ScoringPreviewRequest{Config: benchRules, Thresholds: engine.Thresholds{Warm: 30, Hot: 60}, Days: 30, N: 10_000, Seed: 1}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := a.Scoring.PreviewScoring(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreviewScoringFloor simulates the same audience, rules and
// period with nothing to watch and no journal: the cost of the contacts'
// own activity and scoring, which any preview pays.
func BenchmarkPreviewScoringFloor(b *testing.B) {
	a := newApp(b)
	scorer, err := contacts.NewScorer(benchRules.Rules, benchRules.Decay)
	if err != nil {
		b.Fatal(err)
	}
	aud, _ := sim.Preset("saas-trial")
	arrive := &flow.Flow{Format: flow.Format, ID: "arrive", Name: "arrive", Settings: flow.Settings{Reentry: flow.ReentryOnce},
		Nodes: []flow.Node{{ID: "in", Type: "trigger.manual"}, {ID: "out", Type: "exit"}}, Edges: []flow.Edge{{From: "in", To: "out"}}}
	cfg := sim.Config{Flows: []*flow.Flow{arrive}, Registry: a.w.eng.Registry, Audience: aud, N: 10_000, Days: 30, Seed: 1,
		Rules: sim.Rules{Warm: 30, Hot: 60}, Scoring: scorer}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := sim.Run(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
}
