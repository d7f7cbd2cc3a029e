package engine

import (
	"context"
	"fmt"

	"flightplan/engine/runner"
	"flightplan/engine/words"
)

// FailureReport is what is in trouble in a funnel, for the canvas and the
// problems panel: the steps with failures, and how many journeys are still
// on an older version than the published one (they can be moved to it).
type FailureReport struct {
	Steps            []runner.StepFailure `json:"steps"`
	OnOlderVersions  int                  `json:"on_older_versions"`
	PublishedVersion int                  `json:"published_version"`
}

// FlowFailures reports a funnel's unresolved failures by step.
func (e *Engine) FlowFailures(ctx context.Context, id string) (FailureReport, error) {
	rep := FailureReport{}
	steps, err := e.Runner.Failures(ctx, id)
	if err != nil {
		return rep, err
	}
	rep.Steps = steps
	// A rule's failure names the rule by its title, as its step does.
	names := e.Names()
	for i := range rep.Steps {
		if rep.Steps[i].Text != nil {
			t := words.ErrorTextsNamed(rep.Steps[i].Reason, names)
			rep.Steps[i].Text = &t
		}
	}
	if rep.PublishedVersion, err = e.Store.PublishedVersion(ctx, id); err != nil {
		return rep, fmt.Errorf("funnel %q: %w", id, err)
	}
	if rep.PublishedVersion > 0 {
		rep.OnOlderVersions, err = e.Store.OnOtherVersions(ctx, id, rep.PublishedVersion)
	}
	return rep, err
}

// RetryFailures puts a step's failed work back to work against the funnel
// as published now (node "" for every step) and wakes the engine.
func (e *Engine) RetryFailures(ctx context.Context, id, node string) (runner.RetryResult, error) {
	res, err := e.Runner.RetryFailed(ctx, id, node)
	e.Poke()
	return res, err
}
