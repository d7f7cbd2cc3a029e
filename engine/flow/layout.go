package flow

import "sort"

// Layout places nodes that have no position in layers from the triggers
// down, so a flow written by hand (or a template) opens readable. Nodes that
// already have a position keep it.
func Layout(f *Flow) {
	const dx, dy = 280.0, 150.0
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
		width := float64(len(idx)-1) * dx
		for k, i := range idx {
			if f.Nodes[i].Position == nil {
				f.Nodes[i].Position = &Position{X: float64(k)*dx - width/2, Y: float64(d) * dy}
			}
		}
	}
}
