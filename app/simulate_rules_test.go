package app

import (
	"context"
	"testing"

	"flightplan/engine"
	"flightplan/engine/journey"
	"flightplan/engine/settings"
)

// A simulation follows the workspace's policy as live journeys do: the
// same settings, read by the same function, stage order included.
func TestSimulationGetsTheLiveRules(t *testing.T) {
	a := newApp(t)
	doc, err := a.Funnels.CreateFromTemplate("welcome")
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{settings.StageBackwards: "true", settings.CapPerDay: "2", settings.QuietFrom: "21:00", settings.QuietTo: "08:00", settings.TemperatureHot: "80"} {
		if err := a.w.eng.Store.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := a.w.eng.SimConfig(context.Background(), engine.SimRequest{FlowID: doc.Flow.ID, N: 10, Days: 5})
	if err != nil {
		t.Fatal(err)
	}
	live, err := journey.Load(context.Background(), a.w.eng.Store)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Rules != live || !cfg.Rules.StageBackwards || cfg.Rules.CapPerDay != 2 || cfg.Rules.QuietFrom != "21:00" || cfg.Rules.Hot != 80 {
		t.Errorf("the simulation's rules %+v, live %+v", cfg.Rules, live)
	}
}
