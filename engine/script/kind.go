package script

import (
	"context"
	"fmt"
)

// Run evaluates s as a script of the given kind — "condition" (a bool),
// "score" (a float64) or "action" (a Changes) — so every caller dispatches
// the same way.
func (e *Engine) Run(ctx context.Context, kind string, s *Script, env Env) (any, Output, error) {
	switch kind {
	case "condition":
		v, out, err := e.Condition(ctx, s, env)
		return v, out, err
	case "score":
		v, out, err := e.Score(ctx, s, env)
		return v, out, err
	case "action":
		ch, out, err := e.Action(ctx, s, env)
		if err != nil {
			return nil, out, err
		}
		return &ch, out, nil
	}
	return nil, Output{}, fmt.Errorf("script %q: unknown kind %q (condition, score or action)", s.Name(), kind)
}
