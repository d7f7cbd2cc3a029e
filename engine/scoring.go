package engine

// The lead-scoring screen: the rules, the warm and hot thresholds, the
// "when a lead gets hot" recipe, and a preview of how many contacts would
// cross each threshold.

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/settings"
	"flightplan/engine/sim"
)

// ScoringConfig returns the scoring rules and decay.
func (e *Engine) ScoringConfig(ctx context.Context) (contacts.ScoringConfig, error) {
	return contacts.LoadScoring(ctx, e.Store)
}

// SaveScoring stores the scoring rules and recomputes every score.
func (e *Engine) SaveScoring(ctx context.Context, cfg contacts.ScoringConfig) (*contacts.RescoreResult, error) {
	if err := contacts.SaveScoring(ctx, e.Store, cfg, e.Clock.Now()); err != nil {
		return nil, err
	}
	return contacts.Rescore(ctx, e.Store, e.Clock.Now())
}

// Thresholds are the scores from which a contact is warm, and hot.
type Thresholds struct {
	Warm float64 `json:"warm"`
	Hot  float64 `json:"hot"`
}

// Check says what is wrong with thresholds, in plain words.
func (t Thresholds) Check() error {
	switch {
	case t.Warm <= 0:
		return fmt.Errorf("the warm threshold must be more than 0 points (got %g)", t.Warm)
	case t.Warm >= t.Hot:
		return fmt.Errorf("the warm threshold (%g) must be below the hot one (%g)", t.Warm, t.Hot)
	}
	return nil
}

// ScoringThresholds reads the warm and hot thresholds (30 and 60 unless set).
func (e *Engine) ScoringThresholds(ctx context.Context) (Thresholds, error) {
	warm, hot, err := contacts.Bands(ctx, e.Store)
	return Thresholds{Warm: warm, Hot: hot}, err
}

// SaveLeadScoring stores the thresholds and the scoring rules together,
// then recomputes every contact's score and temperature.
func (e *Engine) SaveLeadScoring(ctx context.Context, t Thresholds, cfg contacts.ScoringConfig) (*contacts.RescoreResult, error) {
	if err := t.Check(); err != nil {
		return nil, err
	}
	// A refusal is a *settings.Error naming the setting.
	if err := settings.Set(e.Store, map[string]string{settings.TemperatureWarm: strconv.FormatFloat(t.Warm, 'f', -1, 64),
		settings.TemperatureHot: strconv.FormatFloat(t.Hot, 'f', -1, 64)}); err != nil {
		return nil, err
	}
	res, err := e.SaveScoring(ctx, cfg)
	if err == nil {
		e.Poke() // temperatures moved: "lead gets hot" funnels react
	}
	return res, err
}

// ScoringPreviewRequest is what the preview simulates: the rules and
// thresholds as edited (saved or not), over Days.
type ScoringPreviewRequest struct {
	Config     contacts.ScoringConfig `json:"config"`
	Thresholds Thresholds             `json:"thresholds"`
	Days       int                    `json:"days"`
	// Preset is the synthetic audience, or how the workspace's contacts
	// behave when RealContacts is set.
	Preset       string `json:"preset"`
	RealContacts bool   `json:"real_contacts"`
	// N is the size of a synthetic audience (0: 1,000).
	N    int    `json:"n"`
	Seed uint64 `json:"seed"`
}

// ScoringPreview is how many contacts would become warm and hot, in total
// and day by day (cumulative).
type ScoringPreview struct {
	Contacts     int   `json:"contacts"`
	RealContacts bool  `json:"real_contacts"`
	Warm         int   `json:"warm"`
	Hot          int   `json:"hot"`
	WarmByDay    []int `json:"warm_by_day"`
	HotByDay     []int `json:"hot_by_day"`
	// AlreadyWarm and AlreadyHot are the contacts that start the period
	// warm or hot (they cannot cross again unless they cool down first).
	AlreadyWarm int `json:"already_warm"`
	AlreadyHot  int `json:"already_hot"`
}

// maxPreviewContacts bounds the workspace audience of a preview: enough to
// be representative, small enough to answer while the user edits.
const maxPreviewContacts = 20_000

// PreviewScoring fast-forwards the audience through the edited scoring
// rules with engine/sim: a contact "crosses" a threshold when its
// temperature reaches warm (hot) during the period, as the "lead gets
// hot" start sees it.
func (e *Engine) PreviewScoring(ctx context.Context, req ScoringPreviewRequest) (*ScoringPreview, error) {
	if err := req.Thresholds.Check(); err != nil {
		return nil, err
	}
	if req.Days <= 0 || req.Days > 365 {
		return nil, fmt.Errorf("the preview period must be between 1 and 365 days (got %d)", req.Days)
	}
	scorer, err := contacts.NewScorer(req.Config.Rules, req.Config.Decay)
	if err != nil {
		return nil, err
	}
	if req.Preset == "" {
		req.Preset = "saas-trial"
	}
	audience, err := sim.Preset(req.Preset)
	if err != nil {
		return nil, err
	}
	out := &ScoringPreview{}
	n := req.N
	if n <= 0 {
		n = 1000
	}
	var cs []*contact.Contact
	if req.RealContacts {
		if cs, err = e.Store.FirstContacts(ctx, maxPreviewContacts); err != nil {
			return nil, err
		}
		if len(cs) == 0 {
			return nil, fmt.Errorf("the workspace has no contacts yet: preview over a synthetic audience, or import some")
		}
		audience = sim.FromContacts(cs, audience.Personas[0].Behaviour)
		n = len(cs)
		out.RealContacts = true
		for _, c := range cs {
			switch contacts.Temperature(c.Score, req.Thresholds.Warm, req.Thresholds.Hot) {
			case "hot":
				out.AlreadyHot++
				out.AlreadyWarm++
			case "warm":
				out.AlreadyWarm++
			}
		}
	}
	out.Contacts = n
	// Contacts arrive through a funnel of their own (a manual start), not
	// through the probes: a probe counts only the contacts whose
	// temperature rises to its band during the period.
	arrive := &flow.Flow{Format: flow.Format, ID: "arrive", Name: "arrive", Settings: flow.Settings{Reentry: flow.ReentryOnce},
		Nodes: []flow.Node{{ID: "in", Type: "trigger.manual"}, {ID: "out", Type: "exit"}}, Edges: []flow.Edge{{From: "in", To: "out"}}}
	flows := []*flow.Flow{arrive}
	for _, band := range []string{"warm", "hot"} {
		flows = append(flows, &flow.Flow{Format: flow.Format, ID: band, Name: band, Settings: flow.Settings{Reentry: flow.ReentryOnce},
			Nodes: []flow.Node{{ID: "in", Type: "trigger.score_reached", Config: map[string]any{"metric": "temperature", "temperature": band}}, {ID: "out", Type: "exit"}},
			Edges: []flow.Edge{{From: "in", To: "out"}}})
	}
	cfg := sim.Config{Flows: flows, Registry: e.Registry, Audience: audience, N: n, Days: req.Days, Seed: req.Seed, EntryFlows: []string{"arrive"},
		Rules: sim.Rules{Warm: req.Thresholds.Warm, Hot: req.Thresholds.Hot}, Scoring: scorer, Journal: true}
	run, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	res, err := sim.Run(run, cfg)
	if err != nil {
		return nil, err
	}
	start := res.Start
	out.WarmByDay, out.HotByDay = make([]int, req.Days), make([]int, req.Days)
	for _, j := range res.Journeys {
		for _, s := range j.Steps {
			if s.Node != "in" || (s.Flow != "warm" && s.Flow != "hot") {
				continue
			}
			d := int(s.At.Sub(start) / (24 * time.Hour))
			if d < 0 || d >= req.Days {
				continue
			}
			if s.Flow == "warm" {
				out.Warm++
				out.WarmByDay[d]++
			} else {
				out.Hot++
				out.HotByDay[d]++
			}
		}
	}
	for d := 1; d < req.Days; d++ {
		out.WarmByDay[d] += out.WarmByDay[d-1]
		out.HotByDay[d] += out.HotByDay[d-1]
	}
	return out, nil
}

// HotLeadRecipe is what the "when a lead gets hot" recipe sets up: a
// funnel started when a contact's temperature becomes hot, that alerts
// someone, tags the contact and moves its stage.
type HotLeadRecipe struct {
	// Name is the funnel's name, in the user's language.
	Name string `json:"name"`
	// AlertTo is "owner" (the contact's owner) or a teammate's address.
	AlertTo string `json:"alert_to"`
	// Tag is added to the contact ("" adds none).
	Tag string `json:"tag"`
	// Stage is the lifecycle stage to move to ("" leaves it).
	Stage string `json:"stage"`
}

// HotLeadFunnel is a funnel that starts when a lead gets hot.
type HotLeadFunnel struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Published bool   `json:"published"`
}

// HotLeadFunnels lists the funnels started by "lead gets hot" (temperature
// hot), so the screen shows the recipe as set up when one exists.
func (e *Engine) HotLeadFunnels() ([]HotLeadFunnel, error) {
	infos, err := e.Store.ListFlows()
	if err != nil {
		return nil, err
	}
	drafts, err := e.Store.Drafts()
	if err != nil {
		return nil, err
	}
	out := []HotLeadFunnel{}
	for _, fi := range infos {
		f := drafts[fi.ID]
		if f == nil {
			continue
		}
		for _, n := range f.Nodes {
			if n.Type == "trigger.score_reached" && fmt.Sprint(n.Config["metric"]) == "temperature" && fmt.Sprint(n.Config["temperature"]) != "warm" {
				out = append(out, HotLeadFunnel{ID: fi.ID, Name: fi.Name, Published: fi.PublishedVersion > 0 && fi.Enabled})
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// CreateHotLeadFunnel builds the recipe's funnel and publishes it, so it
// works from this click on: "Lead gets hot" → alert → tag → stage.
func (e *Engine) CreateHotLeadFunnel(r HotLeadRecipe) (FlowDoc, error) {
	r.AlertTo = strings.TrimSpace(r.AlertTo)
	if r.AlertTo == "" {
		r.AlertTo = "owner"
	}
	if r.AlertTo != "owner" && !strings.Contains(r.AlertTo, "@") {
		return FlowDoc{}, fmt.Errorf("alert: %q is not an email address (or choose the contact's owner)", r.AlertTo)
	}
	if r.Stage != "" && contact.StageRank(r.Stage) < 0 {
		return FlowDoc{}, fmt.Errorf("stage: %q is not one of %s", r.Stage, strings.Join(contact.Stages, ", "))
	}
	if strings.TrimSpace(r.Name) == "" {
		r.Name = "When a lead gets hot"
	}
	doc, err := e.CreateFlow(r.Name)
	if err != nil {
		return FlowDoc{}, err
	}
	f := doc.Flow
	f.Nodes = []flow.Node{
		{ID: "hot", Type: "trigger.score_reached", Config: map[string]any{"metric": "temperature", "temperature": "hot"}, Position: &flow.Position{X: 0, Y: 0}},
		{ID: "alert", Type: "action.notify", Config: map[string]any{"to": r.AlertTo}, Position: &flow.Position{X: 0, Y: 140}},
	}
	f.Edges = []flow.Edge{{From: "hot", To: "alert"}}
	prev, y := "alert", 280.0
	if tag := strings.TrimSpace(r.Tag); tag != "" {
		f.Nodes = append(f.Nodes, flow.Node{ID: "tag", Type: "action.tag_add", Config: map[string]any{"tag": tag}, Position: &flow.Position{X: 0, Y: y}})
		f.Edges = append(f.Edges, flow.Edge{From: prev, To: "tag"})
		prev, y = "tag", y+140
	}
	if r.Stage != "" {
		f.Nodes = append(f.Nodes, flow.Node{ID: "stage", Type: "action.set_stage", Config: map[string]any{"stage": r.Stage}, Position: &flow.Position{X: 0, Y: y}})
		f.Edges = append(f.Edges, flow.Edge{From: prev, To: "stage"})
	}
	if _, err := e.SaveDraft(*f); err != nil {
		return FlowDoc{}, err
	}
	return e.PublishDraft(f.ID)
}
