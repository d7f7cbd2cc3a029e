package app

import (
	"flightplan/engine"
	"flightplan/engine/runner"
)

// Failures is the window's service for what failed while running: per
// funnel and step, retried, or moved to the latest version.
type Failures struct{ *window }

// FlowFailures reports a funnel's unresolved failures by step.
func (f *Failures) FlowFailures(id string) (engine.FailureReport, error) {
	return f.eng.FlowFailures(f.ctx, id)
}

// RetryFailures puts a step's failed work back to work against the funnel
// as published now (node "" for every step) and wakes the engine.
func (f *Failures) RetryFailures(id, node string) (runner.RetryResult, error) {
	return f.eng.RetryFailures(f.ctx, id, node)
}

// FailureTotals counts what is in trouble across the workspace; the window
// asks every few seconds and tells the user when failures start.
func (f *Failures) FailureTotals() (runner.FailureTotal, error) {
	return f.eng.Runner.FailureTotals(f.ctx)
}

// MoveContactsToLatest moves the contacts inside a flow to its latest
// published version, at the same step; it returns how many moved.
func (f *Failures) MoveContactsToLatest(id string) (int, error) {
	return f.eng.MoveToLatest(f.ctx, id)
}
