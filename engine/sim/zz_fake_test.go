package sim_test

import (
	"context"

	"flightplan/engine/nodes"
)

type fakeScripts struct{}

func (fakeScripts) Run(ctx context.Context, kind, name string, params map[string]any, c *nodes.Ctx) (any, error) {
	if name == "bench_fit" {
		v, _ := c.Contact.Fields["company_size"].(float64)
		return v >= 50, nil
	}
	return c.Contact.Score >= 10 || c.Contact.HasTag("engaged"), nil
}
