package nodes

import (
	"flightplan/engine/flow"
)

// scoreOnce warns about the natural lead-scoring build that scores nothing
// after the first time: a funnel started by an event ("Page visited") that
// changes the score, with the default re-entry "only once, ever". Each
// contact would get its points on the first visit and never again, which
// is almost never what a marketer means by "+10 points per visit".
func (v *validator) scoreOnce(specs map[string]*Spec) {
	if v.f.Settings.Reentry != flow.ReentryOnce && v.f.Settings.Reentry != "" {
		return
	}
	eventStart := false
	for id, s := range specs {
		if s.Type == "trigger.event" && v.f.Node(id) != nil {
			eventStart = true
		}
	}
	if !eventStart {
		return
	}
	for i := range v.f.Nodes {
		n := &v.f.Nodes[i]
		if s := specs[n.ID]; s != nil && s.Type == "action.score" {
			v.add(flow.Warning, n.ID, "", "score_once",
				"each contact will get these points only once, ever: the funnel starts on an event but lets each contact through only once. Choose “Every time the start happens” (Can a contact go through it again?) to score each visit")
			return
		}
	}
}
