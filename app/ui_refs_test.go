package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"flightplan/engine/flow"
	"flightplan/engine/mail"
)

// A large funnel imported from a file is checked like any other: each of
// its 28 missing emails is an error naming its step, and publish refuses
// with the first one named.
func TestImportedFunnelWithMissingEmails(t *testing.T) {
	a := newApp(t)
	for i := 0; i < 4; i++ {
		if _, err := a.Emails.SaveEmailTemplate(mail.Template{ID: fmt.Sprintf("mail-%d", i), Name: fmt.Sprintf("Mail %d", i), Subject: "Hi"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.References.CreateList("Newsletter"); err != nil {
		t.Fatal(err)
	}
	f := flow.New("big", "Big import")
	f.Nodes = []flow.Node{{ID: "start", Type: "trigger.list_joined", Config: map[string]any{"list": "newsletter"}}}
	prev := "start"
	for i := 0; len(f.Nodes) < 129; i++ {
		id := fmt.Sprintf("s%d", i)
		n := flow.Node{ID: id, Type: "wait.delay", Config: map[string]any{"duration": "1d"}}
		if i%2 == 0 && i/2 < 32 {
			// 32 sends: the first 4 name emails that exist, the other 28 do not.
			n = flow.Node{ID: id, Type: "action.send_email", Config: map[string]any{"template": fmt.Sprintf("mail-%d", i/2)}}
		}
		f.Nodes = append(f.Nodes, n)
		f.Edges = append(f.Edges, flow.Edge{From: prev, To: id})
		prev = id
	}
	text, _ := json.Marshal(f)
	doc, err := a.Funnels.ImportFlow("big.flow.json", string(text))
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for _, is := range doc.Issues {
		if is.Code == "unknown_reference" {
			missing++
			if is.Severity != flow.Error || is.Field != "template" || !strings.Contains(is.Message, "there is no email") {
				t.Errorf("issue: %+v", is)
			}
		}
	}
	if len(doc.Flow.Nodes) != 129 || missing != 28 {
		t.Errorf("%d steps, %d missing emails reported, want 129 and 28: %+v", len(doc.Flow.Nodes), missing, doc.Issues)
	}
	if _, err := a.Funnels.PublishFlow(doc.Flow.ID); err == nil || !strings.Contains(err.Error(), `node "s8": field "template"`) {
		t.Errorf("publish must refuse, naming the first step with a missing email: %v", err)
	}
}

// The choosers' lists come from the workspace as it is now, by name: a
// list or email made a moment ago is there, and an event type declared by
// its name joins the catalogue.
func TestReferencesFollowTheWorkspace(t *testing.T) {
	a := newApp(t)
	r, err := a.References.References()
	if err != nil || len(r.Emails) != 0 || len(r.Lists) != 0 || len(r.EventTypes) < 20 {
		t.Fatalf("empty workspace: %+v %v", r, err)
	}
	if _, err := a.Emails.SaveEmailTemplate(mail.Template{ID: "welcome", Name: "Welcome", Subject: "Glad you are here"}); err != nil {
		t.Fatal(err)
	}
	if name, err := a.References.CreateList("  VIP   clients "); err != nil || name != "VIP clients" {
		t.Fatalf("create list: %q %v", name, err)
	}
	if name, _ := a.References.CreateList("vip clients"); name != "VIP clients" {
		t.Errorf("a list named again in another case is the same list: %q", name)
	}
	if typ, err := a.References.DeclareEventType("Demo booked"); err != nil || typ != "demo_booked" {
		t.Fatalf("declare: %q %v", typ, err)
	}
	r, _ = a.References.References()
	if len(r.Emails) != 1 || r.Emails[0].Key != "welcome" || r.Emails[0].Name != "Welcome" || r.Emails[0].Detail != "Glad you are here" {
		t.Errorf("emails: %+v", r.Emails)
	}
	if len(r.Lists) != 1 || r.Lists[0].Name != "VIP clients" || r.Lists[0].Count == nil || *r.Lists[0].Count != 0 {
		t.Errorf("lists: %+v", r.Lists)
	}
	var demo, page string
	for _, e := range r.EventTypes {
		switch e.Type {
		case "demo_booked":
			demo = e.Name.En
		case "page_visited":
			page = e.Name.Fr
		}
	}
	if demo != "Demo booked" || page != "Page visitée" {
		t.Errorf("event catalogue: demo %q, page %q", demo, page)
	}
	// Scoring rules, segments and the script test panel read the same catalogue.
	lk, err := a.References.GetLookups()
	if err != nil || !slices.Contains(lk.EventTypes, "demo_booked") || !slices.Contains(lk.EventTypes, "page_visited") {
		t.Errorf("lookups' event types: %v %v", lk.EventTypes, err)
	}
	// The validator knows the declared event: no warning for it.
	doc, _ := a.Funnels.CreateFlow("Demo")
	f := *doc.Flow
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.event", Config: map[string]any{"event_type": "demo_booked"}}}
	doc, _ = a.Funnels.SaveFlow(f)
	if hasCode(doc.Issues, "unknown_event_type") {
		t.Errorf("declared event reported unknown: %+v", doc.Issues)
	}
	f.Nodes[0].Config["event_type"] = "page visit"
	doc, _ = a.Funnels.SaveFlow(f)
	if !hasCode(doc.Issues, "unknown_event_type") {
		t.Errorf("an undeclared event must be a warning: %+v", doc.Issues)
	}
}

// A step stores the email's id: renaming the email changes nothing in the
// funnel (it still passes, and the chooser shows the new name).
func TestRenamingAnEmailKeepsTheStep(t *testing.T) {
	a := newApp(t)
	if _, err := a.Emails.SaveEmailTemplate(mail.Template{ID: "welcome", Name: "Welcome", Subject: "Hi"}); err != nil {
		t.Fatal(err)
	}
	doc, _ := a.Funnels.CreateFlow("Greet")
	f := *doc.Flow
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.manual"}, {ID: "m", Type: "action.send_email", Config: map[string]any{"template": "welcome"}}}
	f.Edges = []flow.Edge{{From: "t", To: "m"}}
	if _, err := a.Funnels.SaveFlow(f); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Emails.SaveEmailTemplate(mail.Template{ID: "welcome", Name: "Hello and welcome", Subject: "Hi"}); err != nil {
		t.Fatal(err)
	}
	doc, _ = a.Funnels.GetFlow(f.ID)
	if flow.HasErrors(doc.Issues) || doc.Flow.Nodes[1].Config["template"] != "welcome" {
		t.Errorf("after renaming the email: %+v %+v", doc.Issues, doc.Flow.Nodes[1].Config)
	}
	r, _ := a.References.References()
	if len(r.Emails) != 1 || r.Emails[0].Name != "Hello and welcome" {
		t.Errorf("chooser: %+v", r.Emails)
	}
}
