package sim

import (
	"context"
	"fmt"
	"math"
)

// CompareSeeds is how many seeds a comparison runs by default: enough for
// an interval that says whether a difference is more than chance, few
// enough that a comparison of 10,000 contacts stays a matter of seconds.
const CompareSeeds = 5

// Comparison is two variants of a funnel run on the same audience, over
// several seeds: A and B are the runs of the first seed (the pictures),
// Figures the differences over every seed.
type Comparison struct {
	A     *Result    `json:"a"`
	B     *Result    `json:"b"`
	Flows []FlowDiff `json:"flows"`
	// Seeds are the seeds both variants ran with, the first one A's and
	// B's.
	Seeds []uint64 `json:"seeds"`
	// Figures are the numbers a consultant reads first, each with how B
	// differs from A over the seeds.
	Figures []Figure `json:"figures"`
}

// The figures of a comparison (Figure.Key).
const (
	FigConversion       = "conversion"         // the share of the compared funnel's journeys that reached a goal (0–1)
	FigConverted        = "converted"          // journeys of the compared funnel that reached a goal
	FigEmails           = "emails"             // emails delivered, every funnel
	FigEmailsPerContact = "emails_per_contact" // emails delivered per contact
	FigOpens            = "opens"
	FigClicks           = "clicks"
	FigUnsubscribes     = "unsubscribes"
)

// Figure is one number of both variants and how B differs from A, over
// the comparison's seeds. Each seed runs both variants on the same
// contacts with the same random draws (common random numbers), so the
// difference of a seed is the funnels' doing plus what chance the change
// itself brings; the interval says how much that chance weighs.
type Figure struct {
	Key string `json:"key"`
	// A and B are the means over the seeds.
	A float64 `json:"a"`
	B float64 `json:"b"`
	// Diff is the mean of B − A over the seeds, and Low–High its 95 %
	// interval (Student's t over the seeds). For the conversion they are
	// in percentage points.
	Diff float64 `json:"diff"`
	Low  float64 `json:"low"`
	High float64 `json:"high"`
	// Same is true when B equals A on every seed; Chance when the
	// interval holds zero otherwise: the difference cannot be told from
	// chance.
	Same   bool `json:"same"`
	Chance bool `json:"chance"`
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

// Compare runs a and b on the same contacts over CompareSeeds seeds (see
// CompareOver).
func Compare(ctx context.Context, a, b Config) (*Comparison, error) {
	return CompareOver(ctx, a, b, CompareSeeds)
}

// CompareOver runs a and b on the same contacts, once per seed from a's
// seed on (seeds of them): b takes a's audience, number of contacts,
// start, length, arrival window and scripted cast, so that only the flows
// and the rules differ, and b's entry flow draws as a's (Config.DrawsAs).
// Each contact draws the same fields, arrival and reactions in both runs
// of a seed: a funnel compared with its unchanged duplicate differs by
// nothing, and a change shows its effect with an interval over the seeds.
func CompareOver(ctx context.Context, a, b Config, seeds int) (*Comparison, error) {
	seeds = max(seeds, 1)
	b.Audience, b.N, b.Seed, b.Start, b.Days, b.ArrivalWindow, b.Scripted = a.Audience, a.N, a.Seed, a.Start, a.Days, a.ArrivalWindow, a.Scripted
	if len(a.EntryFlows) > 0 && len(b.EntryFlows) > 0 && a.EntryFlows[0] != b.EntryFlows[0] {
		draws := map[string]string{}
		for k, v := range b.DrawsAs {
			draws[k] = v
		}
		draws[b.EntryFlows[0]] = a.EntryFlows[0]
		b.DrawsAs = draws
	}
	progress := a.Progress
	runs := 2 * seeds
	var ra, rb *Result
	var per [][2]map[string]float64
	for i := range seeds {
		ca, cb := a, b
		ca.Seed, cb.Seed = a.Seed+uint64(i), a.Seed+uint64(i)
		if i > 0 { // the "why" view reads the first seed's runs only
			ca.Journal, cb.Journal = false, false
		}
		if progress != nil {
			ca.Progress = func(f float64) { progress((float64(2*i) + f) / float64(runs)) }
			cb.Progress = func(f float64) { progress((float64(2*i+1) + f) / float64(runs)) }
		}
		xa, err := Run(ctx, ca)
		if err != nil {
			return nil, fmt.Errorf("variant A: %w", err)
		}
		xb, err := Run(ctx, cb)
		if err != nil {
			return nil, fmt.Errorf("variant B: %w", err)
		}
		if i == 0 {
			ra, rb = xa, xb
		}
		per = append(per, [2]map[string]float64{figures(xa, entryOf(a)), figures(xb, entryOf(b))})
	}
	c := &Comparison{A: ra, B: rb, Flows: flowDiffs(ra, rb)}
	for i := range seeds {
		c.Seeds = append(c.Seeds, a.Seed+uint64(i))
	}
	for _, key := range []string{FigConversion, FigConverted, FigEmails, FigEmailsPerContact, FigOpens, FigClicks, FigUnsubscribes} {
		c.Figures = append(c.Figures, figure(key, per))
	}
	return c, nil
}

func entryOf(c Config) string {
	if len(c.EntryFlows) > 0 {
		return c.EntryFlows[0]
	}
	if len(c.Flows) > 0 {
		return c.Flows[0].ID
	}
	return ""
}

// figures reads a run's figures, the conversion of flow id.
func figures(r *Result, id string) map[string]float64 {
	out := map[string]float64{
		FigEmails:       float64(r.Totals.EmailsSent),
		FigOpens:        float64(r.Totals.Opens),
		FigClicks:       float64(r.Totals.Clicks),
		FigUnsubscribes: float64(r.Totals.Unsubscribes),
	}
	if r.Contacts > 0 {
		out[FigEmailsPerContact] = float64(r.Totals.EmailsSent) / float64(r.Contacts)
	}
	for _, f := range r.Flows {
		if f.ID == id {
			out[FigConversion], out[FigConverted] = f.Conversion, float64(f.Converted)
		}
	}
	return out
}

// tCrit95 is Student's t for a two-sided 95 % interval by degrees of
// freedom (1–30); beyond, the normal 1.96 is close enough.
var tCrit95 = []float64{0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042}

// figure is one figure's means and the interval of its paired
// differences over the seeds.
func figure(key string, per [][2]map[string]float64) Figure {
	scale := 1.0
	if key == FigConversion {
		scale = 100 // percentage points
	}
	n := float64(len(per))
	f := Figure{Key: key, Same: true}
	diffs := make([]float64, len(per))
	for i, p := range per {
		a, b := p[0][key], p[1][key]
		f.A += a / n
		f.B += b / n
		diffs[i] = (b - a) * scale
		f.Diff += diffs[i] / n
		f.Same = f.Same && a == b
	}
	half := 0.0
	if k := len(diffs); k > 1 {
		ss := 0.0
		for _, d := range diffs {
			ss += (d - f.Diff) * (d - f.Diff)
		}
		t := 1.96
		if k-1 < len(tCrit95) {
			t = tCrit95[k-1]
		}
		half = t * math.Sqrt(ss/float64(k-1)/float64(k))
	}
	if f.Same {
		f.Diff = 0
	}
	f.A, f.B, f.Diff = round4(f.A), round4(f.B), round4(f.Diff)
	f.Low, f.High = round4(f.Diff-half), round4(f.Diff+half)
	f.Chance = !f.Same && f.Low <= 0 && f.High >= 0
	return f
}

// flowDiffs compares every flow of two runs by id.
func flowDiffs(ra, rb *Result) []FlowDiff {
	out := []FlowDiff{}
	idx := map[string]int{}
	diff := func(id string) *FlowDiff {
		if i, ok := idx[id]; ok {
			return &out[i]
		}
		idx[id] = len(out)
		out = append(out, FlowDiff{Flow: id})
		return &out[len(out)-1]
	}
	for _, f := range ra.Flows {
		d := diff(f.ID)
		d.EnrolledA, d.ConvertedA, d.ConversionA = f.Enrolled, f.Converted, f.Conversion
	}
	for _, f := range rb.Flows {
		d := diff(f.ID)
		d.EnrolledB, d.ConvertedB, d.ConversionB = f.Enrolled, f.Converted, f.Conversion
	}
	for i := range out {
		d := &out[i]
		d.Delta = round4(100 * (d.ConversionB - d.ConversionA))
	}
	return out
}
