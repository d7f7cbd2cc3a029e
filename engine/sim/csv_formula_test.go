package sim_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"flightplan/engine/sim"
)

// Ids and types come from flow files anyone can write: a cell that starts
// like a formula is written as text.
func TestCSVNeutralisesFormulas(t *testing.T) {
	r := &sim.Result{Flows: []sim.FlowResult{{ID: "welcome",
		Nodes: []sim.NodeResult{{ID: "=HYPERLINK(\"http://evil.example\")", Type: "@x", Entered: 3}},
		Edges: []sim.EdgeResult{{From: "=HYPERLINK(\"http://evil.example\")", Port: "-cmd|x", Count: 2}}}}}
	var buf bytes.Buffer
	if err := sim.WriteCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][2] != "'=HYPERLINK(\"http://evil.example\")" || rows[1][3] != "'@x" || rows[2][4] != "'-cmd|x" || rows[1][6] != "3" {
		t.Errorf("rows %q", rows[1:])
	}
}
