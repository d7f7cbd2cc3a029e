package engine

import (
	"fmt"
	"math"

	"flightplan/engine/sim"
	"flightplan/engine/words"
)

// PersonaVisits is how one persona of an audience visits the website, as
// the simulation panel shows and edits it: how often they come back, how
// many pages a visit, how long they read a page.
type PersonaVisits struct {
	// Persona is the persona's slug in the audience; Name its plain name.
	Persona string     `json:"persona"`
	Name    words.Text `json:"name"`
	// VisitsPerWeek is how often they come to the website (on average).
	VisitsPerWeek float64 `json:"visits_per_week"`
	// Pages is the mean number of pages a visit (1 to 50).
	Pages float64 `json:"pages"`
	// Seconds is the time read on a page, from and to (0 to 86,400).
	Seconds [2]float64 `json:"seconds"`
}

// SimulationPersonaVisits lists how each persona of a built-in audience
// visits the website, for the simulation panel's editor.
func (e *Engine) SimulationPersonaVisits(preset string) ([]PersonaVisits, error) {
	a, err := sim.Preset(preset)
	if err != nil {
		return nil, err
	}
	out := make([]PersonaVisits, 0, len(a.Personas))
	for _, p := range a.Personas {
		v := p.Behaviour.PageVisits
		pv := PersonaVisits{Persona: p.Name, Name: words.Texts("persona", p.Name), VisitsPerWeek: math.Round(v.Rate*7*100) / 100, Pages: max(v.Pages, 1)}
		if v.Seconds != nil {
			pv.Seconds = *v.Seconds
		}
		out = append(out, pv)
	}
	return out, nil
}

// applyVisits sets the personas' website visits the panel edited; an
// error names the persona and what is wrong.
func applyVisits(a *sim.Audience, vs []PersonaVisits) error {
	for _, v := range vs {
		i := -1
		for j := range a.Personas {
			if a.Personas[j].Name == v.Persona {
				i = j
			}
		}
		where := fmt.Sprintf("persona %q", words.Persona("en", v.Persona))
		switch {
		case i < 0:
			return fmt.Errorf("%s: the audience has no such persona", where)
		case !(v.VisitsPerWeek >= 0 && v.VisitsPerWeek <= 100):
			return fmt.Errorf("%s: visits a week %g is not between 0 and 100", where, v.VisitsPerWeek)
		case !(v.Pages >= 1 && v.Pages <= 50):
			return fmt.Errorf("%s: pages a visit %g is not between 1 and 50", where, v.Pages)
		case !(v.Seconds[0] >= 0 && v.Seconds[1] >= v.Seconds[0] && v.Seconds[1] <= 86400):
			return fmt.Errorf("%s: seconds on a page %g to %g must go from low to high, within 0 to 86,400", where, v.Seconds[0], v.Seconds[1])
		}
		pv := &a.Personas[i].Behaviour.PageVisits
		secs := v.Seconds
		pv.Rate, pv.Pages, pv.Seconds = v.VisitsPerWeek/7, v.Pages, &secs
	}
	return nil
}
