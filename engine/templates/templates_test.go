package templates

import (
	"testing"

	"flightplan/engine/flow"
	"flightplan/engine/nodes"
)

// Every gallery funnel opens as a valid draft: no errors, with the other
// templates present for go-to-flow links.
func TestGalleryFlowsAreValid(t *testing.T) {
	all, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 10 {
		t.Fatalf("%d templates, want at least 10", len(all))
	}
	reg := nodes.MustRegistry()
	others := map[string]*flow.Flow{}
	for _, tp := range all {
		others[tp.ID] = tp.Flow
	}
	for _, tp := range all {
		if tp.Description == "" || len(tp.Emails) == 0 {
			t.Errorf("%s: needs a description and emails", tp.ID)
		}
		for _, is := range nodes.Validate(tp.Flow, reg, others) {
			if is.Severity == flow.Error {
				t.Errorf("%s: %s", tp.ID, is)
			}
		}
		for _, n := range tp.Flow.Nodes {
			if n.Position == nil {
				t.Errorf("%s: node %s has no position after layout", tp.ID, n.ID)
			}
		}
	}
}
