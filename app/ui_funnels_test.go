package app

import (
	"flightplan/engine"
	"strings"
	"testing"

	"flightplan/engine/flow"
)

func TestContactByEmailFindsAnyCase(t *testing.T) {
	a := newApp(t)
	id, err := a.Contacts.AddContact(map[string]string{"email": "Camille@Example.com"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := a.Contacts.ContactByEmail("  camille@example.COM ")
	if err != nil || got != id {
		t.Fatalf("ContactByEmail = %d, %v; want %d", got, err, id)
	}
	if _, err := a.Contacts.ContactByEmail("nobody@example.com"); err == nil || !strings.Contains(err.Error(), "no contact") {
		t.Errorf("unknown email: %v", err)
	}
	if _, err := a.Contacts.ContactByEmail(" "); err == nil {
		t.Error("an empty email should be refused")
	}
}

func TestFlowLinksListsGoToSteps(t *testing.T) {
	a := newApp(t)
	for _, name := range []string{"A", "B"} {
		if _, err := a.Funnels.CreateFlow(name); err != nil {
			t.Fatal(err)
		}
	}
	doc, _ := a.Funnels.GetFlow("a")
	f := *doc.Flow
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.manual"}, {ID: "go", Type: "action.goto_flow", Config: map[string]any{"flow": "b"}}}
	f.Edges = []flow.Edge{{From: "t", To: "go"}}
	if _, err := a.Funnels.SaveFlow(f); err != nil {
		t.Fatal(err)
	}
	links, err := a.Funnels.FlowLinks()
	if err != nil || len(links) != 1 || links[0] != (engine.FlowLink{From: "a", Node: "go", To: "b"}) {
		t.Fatalf("FlowLinks = %+v, %v", links, err)
	}
}
