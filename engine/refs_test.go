package engine

import (
	"slices"
	"testing"

	"flightplan/engine/flow"
)

// The workspace's own event types are those declared by name and those
// received: new events are read as they arrive (only the rows after the
// last read), and the validator stops warning about them.
func TestEventTypesSeenAndDeclared(t *testing.T) {
	e, _, _ := testEngine(t)
	insert := func(typ string) {
		t.Helper()
		if _, err := e.Store.DB().Exec(`INSERT INTO events(contact_id, type, props, at, received_at, processed, source) VALUES(1, ?, '{}', 0, 0, 1, 'test')`, typ); err != nil {
			t.Fatal(err)
		}
	}
	insert("webinar_joined")
	got, err := e.EventTypesSeen()
	if err != nil || !slices.Equal(got, []string{"webinar_joined"}) {
		t.Fatalf("seen: %v %v", got, err)
	}
	insert("demo_booked")
	insert("webinar_joined")
	if typ, err := e.DeclareEventType("Trial  started!"); err != nil || typ != "trial_started" {
		t.Fatalf("declare: %q %v", typ, err)
	}
	if typ, _ := e.DeclareEventType("Page visited"); typ != "page_visited" {
		t.Errorf("a system event is not declared again: %q", typ)
	}
	got, _ = e.EventTypesSeen()
	if !slices.Equal(got, []string{"demo_booked", "trial_started", "webinar_joined"}) {
		t.Errorf("seen after more events and a declaration: %v", got)
	}
	f := flow.New("f", "F")
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.event", Config: map[string]any{"event_type": "demo_booked"}}}
	issues, err := e.ValidateFlow(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range issues {
		if is.Code == "unknown_event_type" {
			t.Errorf("a received event is known: %s", is)
		}
	}
	f.Nodes[0].Config["event_type"] = "never_sent"
	issues, _ = e.ValidateFlow(f)
	if !slices.ContainsFunc(issues, func(i flow.Issue) bool { return i.Code == "unknown_event_type" && i.Severity == flow.Warning }) {
		t.Errorf("an event nobody sent must be a warning: %v", issues)
	}
}
