package sim

import (
	"context"
	"fmt"
)

// Comparison is two variants of a funnel run on the same audience and seed.
type Comparison struct {
	A     *Result    `json:"a"`
	B     *Result    `json:"b"`
	Flows []FlowDiff `json:"flows"`
}

// FlowDiff compares one flow (by id) across the variants; a flow missing
// from one side counts zero there.
type FlowDiff struct {
	Flow        string  `json:"flow"`
	EnrolledA   int     `json:"enrolled_a"`
	EnrolledB   int     `json:"enrolled_b"`
	ConvertedA  int     `json:"converted_a"`
	ConvertedB  int     `json:"converted_b"`
	ConversionA float64 `json:"conversion_a"`
	ConversionB float64 `json:"conversion_b"`
	// Delta is B's conversion minus A's, in percentage points.
	Delta float64 `json:"delta"`
}

// Compare runs a and b on the same contacts: b takes a's audience, number
// of contacts, seed, start, length, arrival window and scripted cast, so
// that only the flows and the rules differ. Each contact draws the same
// fields and arrival in both runs, and reacts the same way to the same
// email, so differences come from the funnels, not from chance.
func Compare(ctx context.Context, a, b Config) (*Comparison, error) {
	b.Audience, b.N, b.Seed, b.Start, b.Days, b.ArrivalWindow, b.Scripted = a.Audience, a.N, a.Seed, a.Start, a.Days, a.ArrivalWindow, a.Scripted
	if p := a.Progress; p != nil {
		a.Progress = func(f float64) { p(f / 2) }
		b.Progress = func(f float64) { p(0.5 + f/2) }
	}
	ra, err := Run(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("variant A: %w", err)
	}
	rb, err := Run(ctx, b)
	if err != nil {
		return nil, fmt.Errorf("variant B: %w", err)
	}
	c := &Comparison{A: ra, B: rb, Flows: []FlowDiff{}}
	idx := map[string]int{}
	diff := func(id string) *FlowDiff {
		if i, ok := idx[id]; ok {
			return &c.Flows[i]
		}
		idx[id] = len(c.Flows)
		c.Flows = append(c.Flows, FlowDiff{Flow: id})
		return &c.Flows[len(c.Flows)-1]
	}
	for _, f := range ra.Flows {
		d := diff(f.ID)
		d.EnrolledA, d.ConvertedA, d.ConversionA = f.Enrolled, f.Converted, f.Conversion
	}
	for _, f := range rb.Flows {
		d := diff(f.ID)
		d.EnrolledB, d.ConvertedB, d.ConversionB = f.Enrolled, f.Converted, f.Conversion
	}
	for i := range c.Flows {
		d := &c.Flows[i]
		d.Delta = round4(100 * (d.ConversionB - d.ConversionA))
	}
	return c, nil
}
