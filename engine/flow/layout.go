package flow

import "sort"

// Room the canvas needs around a step, in flow units: the card's width
// (styles.css), the tallest card (a branch with its Yes/No row: 146 px in
// Chromium, e2e diagram.mjs prints it) and the margin links keep from every step on each side
// (frontend canvas/route.ts MARGIN). Steps placed closer than card plus two
// margins may meet once measured; the canvas then lays the funnel out again
// on opening, on screen only (frontend canvas/tidy.ts), and the new places
// are saved with the user's first edit.
const (
	stepWidth     = 248.0
	tallestStep   = 146.0
	linkMargin    = 16.0
	layoutSpacing = 2*linkMargin + 24 // the two margins, plus room for a link's bend
)

// Layout places nodes that have no position in layers from the triggers
// down (or left to right when the flow's Direction is DirectionRight), so a
// flow written by hand (or a template) opens readable and with its steps
// clear of each other at the canvas's real card sizes. Nodes that already
// have a position keep it.
func Layout(f *Flow) {
	// along is the distance between layers, across between steps of a layer.
	along, across := tallestStep+layoutSpacing, stepWidth+layoutSpacing
	if f.Direction == DirectionRight {
		along, across = stepWidth+layoutSpacing, tallestStep+layoutSpacing
	}
	out := map[string][]string{}
	in := map[string]int{}
	for _, e := range f.Edges {
		out[e.From] = append(out[e.From], e.To)
		in[e.To]++
	}
	depth := map[string]int{}
	var queue []string
	for _, n := range f.Nodes {
		if in[n.ID] == 0 {
			depth[n.ID] = 0
			queue = append(queue, n.ID)
		}
	}
	// Longest-path layering, bounded so cycles cannot loop forever.
	for steps := 0; len(queue) > 0 && steps < len(f.Nodes)*len(f.Nodes)+10; steps++ {
		id := queue[0]
		queue = queue[1:]
		for _, to := range out[id] {
			if d, ok := depth[to]; !ok || d < depth[id]+1 && d < len(f.Nodes) {
				depth[to] = depth[id] + 1
				queue = append(queue, to)
			}
		}
	}
	layers := map[int][]int{}
	maxDepth := 0
	for i, n := range f.Nodes {
		d, ok := depth[n.ID]
		if !ok {
			d = 0
		}
		layers[d] = append(layers[d], i)
		maxDepth = max(maxDepth, d)
	}
	for d := 0; d <= maxDepth; d++ {
		idx := layers[d]
		sort.Ints(idx)
		spread := float64(len(idx)-1) * across
		for k, i := range idx {
			if f.Nodes[i].Position == nil {
				a, c := float64(d)*along, float64(k)*across-spread/2
				if f.Direction == DirectionRight {
					f.Nodes[i].Position = &Position{X: a, Y: c}
				} else {
					f.Nodes[i].Position = &Position{X: c, Y: a}
				}
			}
		}
	}
}
