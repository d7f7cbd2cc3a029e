package nodes

import (
	"fmt"
	"testing"

	"flightplan/engine/flow"
)

// bigFlow builds a funnel of about n steps made of a repeated block: send an
// email, wait a day, check whether it was opened (yes: on to the next block;
// no: tag and on), as a large imported funnel looks.
func bigFlow(n int) *flow.Flow {
	f := &flow.Flow{Format: flow.Format, ID: "big", Name: "Big"}
	f.Nodes = append(f.Nodes, flow.Node{ID: "start", Type: "trigger.list_joined", Config: map[string]any{"list": "Newsletter"}})
	prev, port := "start", ""
	for i := 0; len(f.Nodes) < n; i++ {
		m, w, c, t := fmt.Sprintf("m%d", i), fmt.Sprintf("w%d", i), fmt.Sprintf("c%d", i), fmt.Sprintf("t%d", i)
		f.Nodes = append(f.Nodes,
			flow.Node{ID: m, Type: "action.send_email", Config: map[string]any{"template": fmt.Sprintf("email-%d", i%50)}},
			flow.Node{ID: w, Type: "wait.delay", Config: map[string]any{"duration": "1d"}},
			flow.Node{ID: c, Type: "condition.email_engagement", Config: map[string]any{"email_node": m}},
			flow.Node{ID: t, Type: "action.tag_add", Config: map[string]any{"tag": "cold"}})
		f.Edges = append(f.Edges, flow.Edge{From: prev, Port: port, To: m}, flow.Edge{From: m, To: w}, flow.Edge{From: w, To: c},
			flow.Edge{From: c, Port: "no", To: t})
		// Both the "yes" output and the tag lead to the next block; the
		// tag step joins it through the next block's email.
		prev, port = c, "yes"
		if len(f.Nodes) >= n {
			f.Edges = append(f.Edges, flow.Edge{From: c, Port: "yes", To: t})
		}
	}
	return f
}

func benchValidate(b *testing.B, n int) {
	reg := MustRegistry()
	f := bigFlow(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Validate(f, reg, map[string]*flow.Flow{})
	}
	b.ReportMetric(float64(len(f.Nodes)), "steps")
}

// BenchmarkValidate10k and BenchmarkValidate100k: the validator on one large
// funnel; the time must grow with the number of steps, not its square.
func BenchmarkValidate10k(b *testing.B)  { benchValidate(b, 10_000) }
func BenchmarkValidate100k(b *testing.B) { benchValidate(b, 100_000) }

// benchFloor is the least any validator does on the same funnel: index
// the steps by id and the links by step and output, the floor the
// validator's figures are read against.
func benchFloor(b *testing.B, n int) {
	f := bigFlow(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		byID := make(map[string]*flow.Node, len(f.Nodes))
		for j := range f.Nodes {
			byID[f.Nodes[j].ID] = &f.Nodes[j]
		}
		out := make(map[string]map[string]string, len(f.Nodes))
		for _, e := range f.Edges {
			if out[e.From] == nil {
				out[e.From] = map[string]string{}
			}
			out[e.From][e.PortOf()] = e.To
		}
		if len(byID) != len(f.Nodes) {
			b.Fatal("ids repeat")
		}
	}
}

func BenchmarkValidateFloor10k(b *testing.B)  { benchFloor(b, 10_000) }
func BenchmarkValidateFloor100k(b *testing.B) { benchFloor(b, 100_000) }
