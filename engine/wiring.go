package engine

import (
	"context"

	"flightplan/engine/contacts"
	"flightplan/engine/runner"
	"flightplan/engine/store"
)

// segmentChecker adapts saved segments to the runner.
func segmentChecker() runner.SegmentChecker { return contacts.SegmentChecker{} }

// scoring gives the runner the workspace's declarative scoring rules.
func scoring(ctx context.Context, q store.Querier) (runner.Scorer, error) {
	cfg, err := contacts.LoadScoring(ctx, q)
	if err != nil {
		return nil, err
	}
	return contacts.NewScorer(cfg.Rules, cfg.Decay)
}
