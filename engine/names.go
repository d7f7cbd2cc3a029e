package engine

import (
	"context"
	"sync"

	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/runner"
	"flightplan/engine/sim"
	"flightplan/engine/words"
	"flightplan/scripts"
)

// Names turns the ids in the journal's reasons into what the user calls
// things: funnel titles, step titles (or their plain summary), email
// names. It reads the workspace once, on first use; make one per answer.
func (e *Engine) Names() *Names { return &Names{e: e} }

// Names is a snapshot of the workspace's names (words.Names).
type Names struct {
	e       *Engine
	once    sync.Once
	funnels map[string]string
	steps   map[string]map[string]*flow.Node // flow id -> node id -> node
	emails  map[string]string
	rules   map[string][2]string // a rule's key -> its title in English and French
}

func (n *Names) load() {
	n.once.Do(func() {
		n.funnels, n.steps, n.emails, n.rules = map[string]string{}, map[string]map[string]*flow.Node{}, map[string]string{}, map[string][2]string{}
		for _, lib := range scripts.All() {
			n.rules[lib.Name] = [2]string{lib.Title, lib.TitleFr}
		}
		if recs, err := n.e.Store.Scripts(context.Background()); err == nil {
			for _, r := range recs {
				n.rules[r.Name] = ruleTitle(r.Name, r.Source)
			}
		}
		add := func(f *flow.Flow) {
			if f == nil {
				return
			}
			m := n.steps[f.ID]
			if m == nil {
				m = map[string]*flow.Node{}
				n.steps[f.ID] = m
			}
			for i := range f.Nodes {
				if _, seen := m[f.Nodes[i].ID]; !seen {
					m[f.Nodes[i].ID] = &f.Nodes[i]
				}
			}
		}
		if infos, err := n.e.Store.ListFlows(); err == nil {
			for _, fi := range infos {
				n.funnels[fi.ID] = fi.Name
				if f, _, err := n.e.Store.Flow(fi.ID); err == nil {
					add(f)
				}
			}
		}
		// A step deleted from the draft is still in the published
		// version the journeys ran.
		if pub, _, err := n.e.Store.Published(); err == nil {
			for _, f := range pub {
				add(f)
			}
		}
		if ts, err := n.e.Store.Templates(); err == nil {
			for _, t := range ts {
				n.emails[t.ID] = t.Name
			}
		}
	})
}

// AddFlows makes n know funnels that are not (or not yet) in the
// workspace: a simulation of flow files names their steps too.
func (n *Names) AddFlows(fs ...*flow.Flow) {
	n.load()
	for _, f := range fs {
		if f == nil {
			continue
		}
		if n.funnels[f.ID] == "" {
			n.funnels[f.ID] = f.Name
		}
		m := map[string]*flow.Node{}
		for i := range f.Nodes {
			m[f.Nodes[i].ID] = &f.Nodes[i]
		}
		n.steps[f.ID] = m
	}
}

// Funnel is a funnel's title.
func (n *Names) Funnel(id string) string { n.load(); return n.funnels[id] }

// Email is an email's name.
func (n *Names) Email(id string) string { n.load(); return n.emails[id] }

// Script is a rule's title in lang (words.ScriptNames): what the
// history and the simulation report call it, never its key.
func (n *Names) Script(name, lang string) string {
	n.load()
	t, ok := n.rules[name]
	if !ok {
		return ""
	}
	if lang == "fr" && t[1] != "" {
		return t[1]
	}
	return t[0]
}

// Step is a step's title or plain summary.
func (n *Names) Step(flowID, node, lang string) string {
	n.load()
	return nodes.StepName(n.steps[flowID][node], lang, n)
}

// Explain fills the readers' fields of journal steps (code, parameters,
// English and every language) with the workspace's names.
func (n *Names) Explain(steps []runner.Step) {
	for i := range steps {
		s := &steps[i]
		t := words.All(s.Why, s.FlowID, n)
		s.Code, s.Params, s.Reason, s.Text = string(s.Why.Code), s.Why.Map(), t.En, &t
	}
}

// ExplainSim fills a simulation's steps' reasons with the workspace's names.
func (n *Names) ExplainSim(r *sim.Result) { r.Explain(n) }

// Path is a contact's journal in a funnel (every funnel for ""), oldest
// first, its reasons said in every language with the workspace's names.
func (e *Engine) Path(ctx context.Context, contactID int64, flowID string) ([]runner.Step, error) {
	steps, err := e.Runner.Path(ctx, contactID, flowID)
	if err == nil {
		e.Names().Explain(steps)
	}
	return steps, err
}
