package engine

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"flightplan/engine/flow"
)

// benchFunnel is the window benchmark's funnel of n steps (build/window-bench.sh):
// a start, then emails, waits, tags and checks in a grid of 20 columns, chained.
func benchFunnel(n int) flow.Flow {
	types := []string{"action.send_email", "wait.delay", "action.tag_add", "condition.tag"}
	f := flow.Flow{Format: flow.Format, ID: fmt.Sprintf("bench-%d", n), Name: fmt.Sprintf("Bench %d", n), Settings: flow.Settings{Reentry: "once"}}
	for i := 0; i < n; i++ {
		typ := types[i%len(types)]
		cfg := map[string]any{"tag": fmt.Sprintf("tag-%d", i)}
		switch {
		case i == 0:
			typ, cfg = "trigger.list_joined", map[string]any{"list": "newsletter"}
		case typ == "action.send_email":
			cfg = map[string]any{"template": fmt.Sprintf("email-%d", i)}
		case typ == "wait.delay":
			cfg = map[string]any{"duration": "1d"}
		}
		f.Nodes = append(f.Nodes, flow.Node{ID: fmt.Sprintf("s%d", i), Type: typ, Config: cfg, Position: &flow.Position{X: float64(i%20) * 312, Y: float64(i/20) * 192}})
		if i > 0 {
			e := flow.Edge{From: fmt.Sprintf("s%d", i-1), To: fmt.Sprintf("s%d", i)}
			if f.Nodes[i-1].Type == "condition.tag" {
				e.Port = "yes"
			}
			f.Edges = append(f.Edges, e)
		}
	}
	return f
}

// BenchmarkFlowDoc opens the 200-step funnel as the canvas does (the
// funnel, its state and its problems: FlowDoc) in the window benchmark's
// workspace (its 200- and 1,000-step funnels). The floor reads the same
// draft from SQLite and decodes it, nothing checked.
func BenchmarkFlowDoc(b *testing.B) {
	b.Setenv("FLIGHTPLAN_KEYRING", "off")
	eng, err := New(Options{Workspace: filepath.Join(b.TempDir(), "ws.flightplan")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	for _, n := range []int{200, 1000} {
		f := benchFunnel(n)
		if err := eng.Store.SaveFlow(&f, time.Now()); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("flowdoc-200", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			d, err := eng.FlowDoc("bench-200")
			if err != nil || len(d.Flow.Nodes) != 200 {
				b.Fatal(err)
			}
		}
	})
	b.Run("floor-read-decode-200", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var raw string
			if err := eng.Store.DB().QueryRow(`SELECT draft FROM flows WHERE id='bench-200'`).Scan(&raw); err != nil {
				b.Fatal(err)
			}
			var f flow.Flow
			if err := json.Unmarshal([]byte(raw), &f); err != nil || len(f.Nodes) != 200 {
				b.Fatal(err)
			}
		}
	})
}
