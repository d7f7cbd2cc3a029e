package engine

// Simulations of the workspace's funnels: the configuration built from a
// funnel and the workspace (its other funnels, sending rules, scripts and
// scoring), and the one simulation that runs at a time.

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/journey"
	"flightplan/engine/nodes"
	"flightplan/engine/settings"
	"flightplan/engine/sim"
	"flightplan/engine/words"
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
	// Visits, for a built-in audience, change how its personas visit the
	// website (SimulationPersonaVisits lists them as they are).
	Visits []PersonaVisits `json:"visits,omitempty"`
}

// simulations holds the cancel of the running simulation: a new one, or
// CancelSimulation, stops it.
type simulations struct {
	mu     sync.Mutex
	cancel context.CancelFunc
}

// ErrSimulationCancelled is returned by a simulation CancelSimulation (or
// a newer one) stopped.
var ErrSimulationCancelled = errors.New("simulation cancelled")

// SimConfig builds a simulation of a flow's draft, with the workspace's
// other flows (drafts) reachable through go-to-flow steps, and the
// workspace's sending rules, scripts and scoring.
func (e *Engine) SimConfig(ctx context.Context, req SimRequest) (sim.Config, error) {
	if req.N <= 0 || req.N > 1_000_000 {
		return sim.Config{}, fmt.Errorf("the audience must be between 1 and 1,000,000 contacts (got %d)", req.N)
	}
	if req.Days <= 0 || req.Days > 730 {
		return sim.Config{}, fmt.Errorf("the period must be between 1 and 730 days (got %d)", req.Days)
	}
	main, _, err := e.Store.Flow(req.FlowID)
	if err != nil {
		return sim.Config{}, err
	}
	flows := []*flow.Flow{main}
	drafts, err := e.Store.Drafts()
	if err != nil {
		return sim.Config{}, err
	}
	ids := make([]string, 0, len(drafts))
	for id := range drafts {
		ids = append(ids, id)
	}
	sort.Strings(ids) // the same flows in the same order, run after run
	// Another funnel a contact can be sent to runs beside this one, unless
	// its draft is unfinished (a step with an error): a marketer trying
	// this funnel expects it to run while they still work on that one,
	// not a refusal listing the other funnel's steps. A contact sent to a
	// funnel left out stops there, as at a "Go to funnel" with no target.
	var leftOut []*flow.Flow
	for _, id := range ids {
		f := drafts[id]
		if id == main.ID || !hasTrigger(f, "trigger.from_flow") {
			continue
		}
		if flow.HasErrors(nodes.Validate(f, e.Registry, drafts)) {
			leftOut = append(leftOut, f)
		} else {
			flows = append(flows, f)
		}
	}
	cfg := sim.Config{Flows: flows, LeftOut: leftOut, Registry: e.Registry, N: req.N, Days: req.Days, Seed: req.Seed, EntryFlows: []string{main.ID},
		Journal: req.Journeys > 0, JournalLimit: req.Journeys, Scripts: sim.NewLua(e.Lua.Engine, e.workspaceScripts(ctx))}
	cfg.ArrivalWindow = time.Duration(req.ArrivalDays) * 24 * time.Hour
	// A step sending an email the workspace does not hold fails at
	// delivery in the simulation as it would live.
	tpls, err := e.Store.Templates()
	if err != nil {
		return cfg, fmt.Errorf("reading the emails: %w", err)
	}
	cfg.Emails = make(map[string]bool, len(tpls))
	for _, t := range tpls {
		cfg.Emails[t.ID] = true
	}
	if req.RealContacts {
		cs, err := e.Store.FirstContacts(ctx, req.N)
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
		if err := applyVisits(&cfg.Audience, req.Visits); err != nil {
			return cfg, fmt.Errorf("how the audience visits the website: %w", err)
		}
	}
	// The policy live journeys follow, read by the same function (stage
	// order included).
	if cfg.Rules, err = journey.Load(ctx, e.Store); err != nil {
		return cfg, fmt.Errorf("reading the sending rules: %w", err)
	}
	if sc, err := contacts.LoadScoring(ctx, e.Store); err == nil && len(sc.Rules) > 0 {
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

// workspaceScripts are the workspace's own scripts by name (none when they
// cannot be read: the library's still run).
func (e *Engine) workspaceScripts(ctx context.Context) map[string]string {
	out := map[string]string{}
	recs, err := e.Store.Scripts(ctx)
	if err != nil {
		return out
	}
	for _, r := range recs {
		out[r.Name] = r.Source
	}
	return out
}

// startSimulation stops the simulation running, if any, and returns the
// context of the new one with its release.
func (e *Engine) startSimulation() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	e.sims.mu.Lock()
	if e.sims.cancel != nil {
		e.sims.cancel()
	}
	e.sims.cancel = cancel
	e.sims.mu.Unlock()
	return ctx, cancel
}

// Simulate fast-forwards a flow over an audience, reporting progress
// (0 to 1) as it goes; starting another simulation or CancelSimulation
// stops it with ErrSimulationCancelled.
func (e *Engine) Simulate(ctx context.Context, req SimRequest, progress func(done float64)) (*sim.Result, error) {
	cfg, err := e.SimConfig(ctx, req)
	if err != nil {
		return nil, err
	}
	run, cancel := e.startSimulation()
	defer cancel()
	cfg.Progress = progress
	res, err := sim.Run(run, cfg)
	if err != nil && run.Err() != nil {
		return nil, ErrSimulationCancelled
	}
	e.explain(res, cfg.Flows)
	e.leftOutNotes(res, cfg)
	return res, e.plainInvalid(err, cfg.Flows)
}

// UnfinishedError is a run refused because a funnel it runs has steps with
// errors, said in the UI language: the funnel by its name and how many
// problems it has, not each step's id (the funnel's screen lists them).
type UnfinishedError struct {
	msg string
	// Invalid is the simulator's refusal, flow by flow.
	Invalid *sim.Invalid
}

// Error is the sentence shown.
func (u *UnfinishedError) Error() string { return u.msg }

// Unwrap gives the simulator's refusal.
func (u *UnfinishedError) Unwrap() error { return u.Invalid }

// plainInvalid turns the simulator's refusal of unfinished funnels into an
// UnfinishedError; any other error is returned as is.
func (e *Engine) plainInvalid(err error, flows []*flow.Flow) error {
	var bad *sim.Invalid
	if !errors.As(err, &bad) {
		return err
	}
	lang := "en"
	if l, _ := e.Store.Setting(settings.Language); l != "" {
		lang = words.Lang(l)
	}
	names := map[string]string{}
	for _, f := range flows {
		names[f.ID] = f.Name
	}
	ids := make([]string, 0, len(bad.Issues))
	for id := range bad.Issues {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var parts []string
	for _, id := range ids {
		n := 0
		for _, is := range bad.Issues[id] {
			if is.Severity == flow.Error {
				n++
			}
		}
		name := names[id]
		if name == "" {
			name = id
		}
		if lang == "fr" {
			parts = append(parts, fmt.Sprintf("le tunnel « %s » n’est pas terminé (%s) : ouvrez-le dans Tunnels pour voir ce qui manque", name, words.Plural(lang, float64(n), "problème", "problèmes")))
		} else {
			parts = append(parts, fmt.Sprintf("the funnel “%s” is not finished (%s): open it in Funnels to see what is missing", name, words.Plural(lang, float64(n), "problem", "problems")))
		}
	}
	return &UnfinishedError{msg: strings.Join(parts, "; "), Invalid: bad}
}

// leftOutNotes says, in every language, which funnel of the run sends
// contacts to a funnel the run leaves out (cfg.LeftOut), both by name.
func (e *Engine) leftOutNotes(res *sim.Result, cfg sim.Config) {
	if res == nil || len(cfg.LeftOut) == 0 {
		return
	}
	out := map[string]bool{}
	for _, f := range cfg.LeftOut {
		out[f.ID] = true
	}
	n := e.Names()
	n.AddFlows(cfg.Flows...)
	n.AddFlows(cfg.LeftOut...)
	seen := map[[2]string]bool{}
	for _, f := range cfg.Flows {
		for i := range f.Nodes {
			nd := &f.Nodes[i]
			s, ok := e.Registry.Lookup(nd.Type)
			if !ok {
				continue
			}
			c := nodes.ConfigOf(nd, s)
			for _, fd := range s.Fields {
				if fd.Type != nodes.FFlow {
					continue
				}
				to := c.String(fd.Name)
				if k := [2]string{f.ID, to}; out[to] && !seen[k] {
					seen[k] = true
					res.Notes = append(res.Notes, words.All(words.R(words.SimLeftOut, "from", f.ID, "funnel", to), f.ID, n))
				}
			}
		}
	}
}

// explain writes the reasons of a simulation's kept journeys in every
// language, naming the workspace's funnels, steps and emails and those
// simulated.
func (e *Engine) explain(res *sim.Result, flows []*flow.Flow) {
	if res == nil || len(res.Journeys) == 0 {
		return
	}
	n := e.Names()
	n.AddFlows(flows...)
	res.Explain(n)
}

// explainBoth is explain for both sides of a comparison.
func (e *Engine) explainBoth(c *sim.Comparison, a, b sim.Config) {
	if c != nil {
		e.explain(c.A, a.Flows)
		e.explain(c.B, b.Flows)
	}
}

// CancelSimulation stops the running simulation.
func (e *Engine) CancelSimulation() {
	e.sims.mu.Lock()
	defer e.sims.mu.Unlock()
	if e.sims.cancel != nil {
		e.sims.cancel()
	}
}

// simPair builds the configurations of two variants: req.FlowID and
// otherFlowID, on the same audience and seed.
func (e *Engine) simPair(ctx context.Context, req SimRequest, otherFlowID string) (sim.Config, sim.Config, error) {
	ca, err := e.SimConfig(ctx, req)
	if err != nil {
		return ca, sim.Config{}, err
	}
	req.FlowID = otherFlowID
	cb, err := e.SimConfig(ctx, req)
	return ca, cb, err
}

// CompareSimulations runs two flows (two variants: req.FlowID and
// otherFlowID) on the same audience and seed, to the end.
func (e *Engine) CompareSimulations(ctx context.Context, req SimRequest, otherFlowID string) (*sim.Comparison, error) {
	ca, cb, err := e.simPair(ctx, req, otherFlowID)
	if err != nil {
		return nil, err
	}
	res, err := sim.Compare(context.Background(), ca, cb)
	e.explainBoth(res, ca, cb)
	return res, e.plainInvalid(err, append(append([]*flow.Flow(nil), ca.Flows...), cb.Flows...))
}

// CompareVariants is CompareSimulations the way Simulate runs: progress
// (0 to 1, over both runs) is reported, and another simulation or
// CancelSimulation stops it. Two runs of up to a million contacts take
// seconds, and the simulation screen must show that time passing and let
// it be stopped.
func (e *Engine) CompareVariants(ctx context.Context, req SimRequest, otherFlowID string, progress func(done float64)) (*sim.Comparison, error) {
	ca, cb, err := e.simPair(ctx, req, otherFlowID)
	if err != nil {
		return nil, err
	}
	run, cancel := e.startSimulation()
	defer cancel()
	ca.Progress = progress
	res, err := sim.Compare(run, ca, cb)
	if err != nil && run.Err() != nil {
		return nil, ErrSimulationCancelled
	}
	e.explainBoth(res, ca, cb)
	return res, e.plainInvalid(err, append(append([]*flow.Flow(nil), ca.Flows...), cb.Flows...))
}

// VersionComparison is a published version of a funnel (A) compared with
// its current draft (B) on the same contacts and draws, with both flows
// so that the window draws each and shows what changed between them.
type VersionComparison struct {
	Comparison *sim.Comparison `json:"comparison"`
	Version    int             `json:"version"`
	FlowA      *flow.Flow      `json:"flow_a"`
	FlowB      *flow.Flow      `json:"flow_b"`
}

// CompareVersion runs published version `version` of req.FlowID (variant
// A) and its current draft (variant B) as CompareVariants runs two
// funnels: same contacts, same draws (the same funnel id), over
// sim.CompareSeeds seeds, with progress and cancel.
func (e *Engine) CompareVersion(ctx context.Context, req SimRequest, version int, progress func(done float64)) (*VersionComparison, error) {
	old, err := e.Store.FlowVersion(req.FlowID, version)
	if err != nil {
		return nil, fmt.Errorf("funnel %q, version %d: %w", req.FlowID, version, err)
	}
	cb, err := e.SimConfig(ctx, req)
	if err != nil {
		return nil, err
	}
	ca := cb
	ca.Flows = append([]*flow.Flow{old}, cb.Flows[1:]...)
	run, cancel := e.startSimulation()
	defer cancel()
	ca.Progress = progress
	res, err := sim.Compare(run, ca, cb)
	if err != nil && run.Err() != nil {
		return nil, ErrSimulationCancelled
	}
	if err != nil {
		return nil, e.plainInvalid(err, cb.Flows)
	}
	return &VersionComparison{Comparison: res, Version: version, FlowA: old, FlowB: cb.Flows[0]}, nil
}
