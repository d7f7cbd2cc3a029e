package app

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/journey"
	"flightplan/engine/sim"
)

// SimRequest is what the simulation panel asks for.
type SimRequest struct {
	FlowID string `json:"flow_id"`
	// Preset names a built-in audience (sim.PresetNames); empty: the default.
	Preset string `json:"preset"`
	N      int    `json:"n"`
	Days   int    `json:"days"`
	Seed   uint64 `json:"seed"`
	// ArrivalDays spreads arrivals over this many days (0: all on day one).
	ArrivalDays int `json:"arrival_days"`
	// Journeys keeps the paths of this many contacts for the "why" view.
	Journeys int `json:"journeys"`
	// RealContacts takes the audience from the workspace's contacts.
	RealContacts bool `json:"real_contacts"`
}

var simCancel struct {
	sync.Mutex
	cancel context.CancelFunc
}

// SimulationPresets lists the built-in audiences.
func (a *App) SimulationPresets() []string { return sim.PresetNames() }

// simConfig builds a simulation of a flow's draft, with the workspace's other
// flows (drafts) reachable through go-to-flow steps, and the workspace's
// sending rules, scripts and scoring.
func (a *App) simConfig(req SimRequest) (sim.Config, error) {
	if req.N <= 0 || req.N > 1_000_000 {
		return sim.Config{}, fmt.Errorf("the audience must be between 1 and 1,000,000 contacts (got %d)", req.N)
	}
	if req.Days <= 0 || req.Days > 730 {
		return sim.Config{}, fmt.Errorf("the period must be between 1 and 730 days (got %d)", req.Days)
	}
	main, _, err := a.eng.Store.Flow(req.FlowID)
	if err != nil {
		return sim.Config{}, err
	}
	flows := []*flow.Flow{main}
	drafts, err := a.eng.Store.Drafts()
	if err != nil {
		return sim.Config{}, err
	}
	ids := make([]string, 0, len(drafts))
	for id := range drafts {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the same flows in the same order, run after run
	for _, id := range ids {
		if f := drafts[id]; id != main.ID && hasTrigger(f, "trigger.from_flow") {
			flows = append(flows, f)
		}
	}
	cfg := sim.Config{Flows: flows, Registry: a.eng.Registry, N: req.N, Days: req.Days, Seed: req.Seed, EntryFlows: []string{main.ID},
		Journal: req.Journeys > 0, JournalLimit: req.Journeys, Scripts: sim.NewLua(a.eng.Lua.Engine, a.workspaceScripts())}
	cfg.ArrivalWindow = time.Duration(req.ArrivalDays) * 24 * time.Hour
	if req.RealContacts {
		cs, err := a.firstContacts(req.N)
		if err != nil {
			return cfg, err
		}
		if len(cs) == 0 {
			return cfg, fmt.Errorf("the workspace has no contacts yet: import some, or simulate a synthetic audience")
		}
		preset, _ := sim.Preset(req.Preset)
		var b sim.Behaviour
		if len(preset.Personas) > 0 {
			b = preset.Personas[0].Behaviour
		}
		cfg.Audience = sim.FromContacts(cs, b)
		cfg.N = len(cs)
	} else if req.Preset != "" {
		if cfg.Audience, err = sim.Preset(req.Preset); err != nil {
			return cfg, err
		}
	}
	// The policy live journeys follow, read by the same function (stage
	// order included).
	if cfg.Rules, err = journey.Load(a.ctx, a.eng.Store); err != nil {
		return cfg, fmt.Errorf("reading the sending rules: %w", err)
	}
	if sc, err := contacts.LoadScoring(a.ctx, a.eng.Store.ReadDB()); err == nil && len(sc.Rules) > 0 {
		if scorer, err := contacts.NewScorer(sc.Rules, sc.Decay); err == nil {
			cfg.Scoring = scorer
		}
	}
	return cfg, nil
}

func hasTrigger(f *flow.Flow, typ string) bool {
	for _, n := range f.Nodes {
		if n.Type == typ {
			return true
		}
	}
	return false
}

func (a *App) workspaceScripts() map[string]string {
	out := map[string]string{}
	rows, err := a.eng.Store.ReadDB().Query(`SELECT name, source FROM scripts`)
	if err != nil {
		return out
	}
	defer rows.Close()
	for rows.Next() {
		var n, s string
		if rows.Scan(&n, &s) == nil {
			out[n] = s
		}
	}
	return out
}

// Simulate fast-forwards a flow over a synthetic audience. Progress goes to
// the window as "sim:progress" events ({done, total} in per-mille);
// CancelSimulation stops it.
func (a *App) Simulate(req SimRequest) (*sim.Result, error) {
	cfg, err := a.simConfig(req)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	simCancel.Lock()
	if simCancel.cancel != nil {
		simCancel.cancel()
	}
	simCancel.cancel = cancel
	simCancel.Unlock()
	defer cancel()
	cfg.Progress = func(done float64) {
		a.emit("sim:progress", map[string]int{"done": int(done * 1000), "total": 1000})
	}
	res, err := sim.Run(ctx, cfg)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("simulation cancelled")
	}
	return res, err
}

// CancelSimulation stops the running simulation.
func (a *App) CancelSimulation() {
	simCancel.Lock()
	defer simCancel.Unlock()
	if simCancel.cancel != nil {
		simCancel.cancel()
	}
}

// CompareSimulations runs two flows (two variants) on the same audience and seed.
func (a *App) CompareSimulations(req SimRequest, otherFlowID string) (*sim.Comparison, error) {
	ca, err := a.simConfig(req)
	if err != nil {
		return nil, err
	}
	req.FlowID = otherFlowID
	cb, err := a.simConfig(req)
	if err != nil {
		return nil, err
	}
	return sim.Compare(context.Background(), ca, cb)
}

// SimulationCSV renders a result as CSV (per-node and per-edge rows).
func (a *App) SimulationCSV(res sim.Result) (string, error) {
	var buf bytes.Buffer
	err := sim.WriteCSV(&buf, &res)
	return buf.String(), err
}
