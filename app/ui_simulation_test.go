package app

import (
	"flightplan/engine"
	"testing"
	"time"

	"flightplan/engine/flow"
)

// Two variants run on the same people: the same contacts in both, and a
// variant with one email fewer sends fewer emails; a
// missing variant is refused.
func TestCompareVariantsRunsBothOnTheSameAudience(t *testing.T) {
	a := newApp(t)
	doc, err := a.Funnels.CreateFromTemplate("welcome")
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.Funnels.CreateFlow("Welcome without reminder")
	if err != nil {
		t.Fatal(err)
	}
	f := *doc.Flow
	f.ID, f.Name = b.Flow.ID, b.Flow.Name
	// Variant B tags the contacts who did not open instead of reminding them.
	f.Nodes = append(f.Nodes[:0:0], f.Nodes...)
	for i, n := range f.Nodes {
		if n.ID == "reminder" {
			f.Nodes[i] = flow.Node{ID: n.ID, Type: "action.tag_add", Config: map[string]any{"tag": "quiet"}}
		}
	}
	if _, err := a.Funnels.SaveFlow(f); err != nil {
		t.Fatal(err)
	}
	c, err := a.Simulation.CompareVariants(engine.SimRequest{FlowID: doc.Flow.ID, Preset: "ecommerce-newsletter", N: 1000, Days: 30, Seed: 3}, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.A.Contacts != 1000 || c.B.Contacts != 1000 {
		t.Fatalf("contacts %d and %d", c.A.Contacts, c.B.Contacts)
	}
	if c.A.Flows[0].ID != doc.Flow.ID || c.B.Flows[0].ID != f.ID {
		t.Errorf("flows %s and %s", c.A.Flows[0].ID, c.B.Flows[0].ID)
	}
	if c.B.Totals.EmailsSent >= c.A.Totals.EmailsSent {
		t.Errorf("without the reminder, B sends %d emails, A %d", c.B.Totals.EmailsSent, c.A.Totals.EmailsSent)
	}
	if _, err := a.Simulation.CompareVariants(engine.SimRequest{FlowID: doc.Flow.ID, N: 10, Days: 30}, "no-such-flow"); err == nil {
		t.Error("a missing variant must be refused")
	}
}

// CancelSimulation stops a comparison as it stops a simulation.
func TestCompareVariantsStopsOnCancel(t *testing.T) {
	a := newApp(t)
	doc, err := a.Funnels.CreateFromTemplate("welcome")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := a.Simulation.CompareVariants(engine.SimRequest{FlowID: doc.Flow.ID, N: 1_000_000, Days: 30, Seed: 1}, doc.Flow.ID)
		done <- err
	}()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err == nil || err.Error() != "simulation cancelled" {
				t.Fatalf("got %v, want the cancellation", err)
			}
			return
		case <-tick.C:
			a.Simulation.CancelSimulation()
		}
	}
}
