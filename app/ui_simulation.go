package app

import (
	"context"
	"errors"

	"flightplan/engine/sim"
)

// CompareVariants runs two funnels — variant A (req.FlowID) and variant B
// (otherFlowID) — on the same audience and seed, as CompareSimulations does,
// but the way Simulate runs: progress goes to the window as "sim:progress"
// events ({done, total} in per-mille, over both runs) and CancelSimulation
// stops it. Two runs of up to a million contacts take seconds, and the
// simulation screen must show that time passing and let it be stopped.
func (a *App) CompareVariants(req SimRequest, otherFlowID string) (*sim.Comparison, error) {
	ca, err := a.simConfig(req)
	if err != nil {
		return nil, err
	}
	req.FlowID = otherFlowID
	cb, err := a.simConfig(req)
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
	ca.Progress = func(done float64) {
		a.emit("sim:progress", map[string]int{"done": int(done * 1000), "total": 1000})
	}
	res, err := sim.Compare(ctx, ca, cb)
	if err != nil && ctx.Err() != nil {
		return nil, errors.New("simulation cancelled")
	}
	return res, err
}
