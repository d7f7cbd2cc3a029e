package flow

import (
	"fmt"
	"testing"
)

// TestLayoutLeavesRoomForCards checks the layering keeps every two steps at
// least a card plus two link margins apart, on both axes that matter, so the
// canvas has no reason to lay a fresh funnel out again; and that "right"
// turns the layers left to right.
func TestLayoutLeavesRoomForCards(t *testing.T) {
	for _, dir := range []string{"", DirectionDown, DirectionRight} {
		f := &Flow{Direction: dir}
		// start -> branch -> (a, b, c) -> end: a layer of three between two of one.
		for _, id := range []string{"start", "branch", "a", "b", "c", "end"} {
			f.Nodes = append(f.Nodes, Node{ID: id})
		}
		for _, e := range [][2]string{{"start", "branch"}, {"branch", "a"}, {"branch", "b"}, {"branch", "c"}, {"a", "end"}, {"b", "end"}, {"c", "end"}} {
			f.Edges = append(f.Edges, Edge{From: e[0], To: e[1]})
		}
		Layout(f)
		for i, a := range f.Nodes {
			for _, b := range f.Nodes[i+1:] {
				pa, pb := a.Position, b.Position
				apartX := pa.X+stepWidth+2*linkMargin <= pb.X || pb.X+stepWidth+2*linkMargin <= pa.X
				apartY := pa.Y+tallestStep+2*linkMargin <= pb.Y || pb.Y+tallestStep+2*linkMargin <= pa.Y
				if !apartX && !apartY {
					t.Errorf("direction %q: %s at %v and %s at %v meet at card size", dir, a.ID, *pa, b.ID, *pb)
				}
			}
		}
		start, end := f.Nodes[0].Position, f.Nodes[5].Position
		along := fmt.Sprintf("y %v -> %v", start.Y, end.Y)
		ok := end.Y > start.Y && end.X == start.X
		if dir == DirectionRight {
			along = fmt.Sprintf("x %v -> %v", start.X, end.X)
			ok = end.X > start.X && end.Y == start.Y
		}
		if !ok {
			t.Errorf("direction %q: the last layer is not after the first along the flow: %s", dir, along)
		}
	}
}
