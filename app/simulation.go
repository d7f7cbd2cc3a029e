package app

import (
	"bytes"

	"flightplan/engine"
	"flightplan/engine/sim"
	"flightplan/engine/words"
)

// Simulation is the window's simulation service: one funnel, or two
// variants, fast-forwarded over an audience, one run at a time.
type Simulation struct{ *window }

// SimulationPresets lists the built-in audiences.
func (s *Simulation) SimulationPresets() []string { return sim.PresetNames() }

// SimulationNames are the built-in audiences' and personas' names in
// every language (engine/words writes them once for the window and the
// command line).
func (s *Simulation) SimulationNames() words.SimulatedNames { return words.Simulated() }

// SimulationPersonaVisits lists how each persona of a built-in audience
// visits the website (the panel's editor; its edits go in SimRequest.Visits).
func (s *Simulation) SimulationPersonaVisits(preset string) ([]engine.PersonaVisits, error) {
	return s.eng.SimulationPersonaVisits(preset)
}

// Simulate fast-forwards a flow over an audience. Progress goes to the
// window as "sim:progress" events ({done, total} in per-mille);
// CancelSimulation stops it.
func (s *Simulation) Simulate(req engine.SimRequest) (*sim.Result, error) {
	return s.eng.Simulate(s.ctx, req, s.progress("sim:progress"))
}

// CancelSimulation stops the running simulation.
func (s *Simulation) CancelSimulation() { s.eng.CancelSimulation() }

// CompareSimulations runs two flows (two variants) on the same audience and seed.
func (s *Simulation) CompareSimulations(req engine.SimRequest, otherFlowID string) (*sim.Comparison, error) {
	return s.eng.CompareSimulations(s.ctx, req, otherFlowID)
}

// CompareVariants runs two funnels — variant A (req.FlowID) and variant B
// (otherFlowID) — on the same audience and seed the way Simulate runs:
// progress goes to the window as "sim:progress" events (over both runs)
// and CancelSimulation stops it.
func (s *Simulation) CompareVariants(req engine.SimRequest, otherFlowID string) (*sim.Comparison, error) {
	return s.eng.CompareVariants(s.ctx, req, otherFlowID, s.progress("sim:progress"))
}

// CompareVersion runs a published version of req.FlowID (A) against its
// current draft (B) on the same audience and draws, the way
// CompareVariants runs.
func (s *Simulation) CompareVersion(req engine.SimRequest, version int) (*engine.VersionComparison, error) {
	return s.eng.CompareVersion(s.ctx, req, version, s.progress("sim:progress"))
}

// SimulationCSV renders a result as CSV (per-node and per-edge rows).
func (s *Simulation) SimulationCSV(res sim.Result) (string, error) {
	var buf bytes.Buffer
	err := sim.WriteCSV(&buf, &res)
	return buf.String(), err
}
