package app

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"flightplan/engine"
	"flightplan/engine/flow"
	"flightplan/engine/mail"
	"flightplan/engine/sim"
	"flightplan/engine/words"
)

func newApp(t testing.TB) *Services {
	t.Helper()
	e, err := engine.New(engine.Options{Workspace: filepath.Join(t.TempDir(), "ws.flightplan")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return New(e)
}

// The window's calls, end to end on a real workspace: create, edit with
// problems, refuse to publish, fix, publish; templates open valid.
func TestFlowLifecycleThroughTheBindings(t *testing.T) {
	a := newApp(t)
	doc, err := a.Funnels.CreateFlow("Spring sale")
	if err != nil || doc.Flow.ID != "spring-sale" {
		t.Fatalf("%+v %v", doc, err)
	}
	if !hasCode(doc.Issues, "no_trigger") {
		t.Errorf("an empty funnel should say it has no start: %+v", doc.Issues)
	}
	f := *doc.Flow
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.list_joined", Config: map[string]any{}}, {ID: "m", Type: "action.send_email", Config: map[string]any{"template": "x"}}}
	f.Edges = []flow.Edge{{From: "t", To: "m"}}
	doc, err = a.Funnels.SaveFlow(f)
	if err != nil || !hasCode(doc.Issues, "required") {
		t.Fatalf("saved with problems: %+v %v", doc.Issues, err)
	}
	if _, err := a.Funnels.PublishFlow("spring-sale"); err == nil || !strings.Contains(err.Error(), "cannot be published") {
		t.Errorf("publish with an error: %v", err)
	}
	f.Nodes[0].Config["list"] = "customers"
	if _, err := a.Funnels.SaveFlow(f); err != nil {
		t.Fatal(err)
	}
	// The list and the email the steps name must exist in the workspace.
	if _, err := a.Funnels.PublishFlow("spring-sale"); err == nil || !strings.Contains(err.Error(), "unknown_reference") {
		t.Errorf("publish with a missing list and email: %v", err)
	}
	if _, err := a.References.CreateList("customers"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Emails.SaveEmailTemplate(mail.Template{ID: "x", Name: "Spring", Subject: "Spring sale"}); err != nil {
		t.Fatal(err)
	}
	doc, err = a.Funnels.PublishFlow("spring-sale")
	if err != nil || doc.Info.PublishedVersion != 1 {
		t.Fatalf("publish: %+v %v", doc.Info, err)
	}
	again, _ := a.Funnels.CreateFlow("Spring sale")
	if again.Flow.ID != "spring-sale-2" {
		t.Errorf("second funnel with the same name got id %q", again.Flow.ID)
	}
	gallery, err := a.Funnels.Gallery()
	if err != nil || len(gallery) < 10 {
		t.Fatal(len(gallery), err)
	}
	for _, g := range gallery {
		doc, err := a.Funnels.CreateFromTemplate(g.ID)
		if err != nil {
			t.Fatalf("%s: %v", g.ID, err)
		}
		if flow.HasErrors(doc.Issues) && g.ID != "ascension" {
			t.Errorf("template %s opens with errors: %+v", g.ID, doc.Issues)
		}
	}
	// Each gallery funnel, alone in an empty workspace, brings what it
	// names: its emails, its lists and its own events (ascension links to
	// the segmentation funnel, which must be added too).
	for _, g := range gallery {
		doc, err := newApp(t).Funnels.CreateFromTemplate(g.ID)
		if err != nil {
			t.Fatalf("%s: %v", g.ID, err)
		}
		for _, is := range doc.Issues {
			if (is.Code == "unknown_reference" && g.ID != "ascension") || is.Code == "unknown_event_type" {
				t.Errorf("template %s in an empty workspace: %s", g.ID, is)
			}
		}
	}
	emails, _ := a.Emails.EmailTemplates()
	if len(emails) < 10 {
		t.Errorf("%d email templates created with the gallery", len(emails))
	}
	text, err := a.Funnels.ExportFlow("spring-sale")
	if err != nil {
		t.Fatal(err)
	}
	imported, err := a.Funnels.ImportFlow("spring.flow.json", text)
	if err != nil || imported.Flow.ID != "spring-sale-3" || len(imported.Flow.Nodes) != 2 {
		t.Errorf("import of an export: %+v %v", imported.Flow, err)
	}
	// An id that is a path becomes a plain one.
	evil := strings.Replace(text, `"id": "spring-sale"`, `"id": "../../etc/passwd"`, 1)
	if evil == text {
		t.Fatal("export has no top-level id to replace")
	}
	if doc, err := a.Funnels.ImportFlow("evil.flow.json", evil); err != nil || doc.Flow.ID != "etc-passwd" {
		t.Errorf("import of a path-like id: %+v %v", doc.Flow, err)
	}
	if _, err := a.Funnels.ImportFlow("bad.flow.json", "{\n  \"format\": 1\n}"); err == nil || !strings.Contains(err.Error(), "bad.flow.json:2:") {
		t.Errorf("bad import should name line 2: %v", err)
	}
}

func hasCode(is []flow.Issue, code string) bool {
	for _, i := range is {
		if i.Code == code {
			return true
		}
	}
	return false
}

func TestSimulateThroughTheBindings(t *testing.T) {
	a := newApp(t)
	doc, err := a.Funnels.CreateFromTemplate("welcome")
	if err != nil {
		t.Fatal(err)
	}
	req := engine.SimRequest{FlowID: doc.Flow.ID, Preset: "ecommerce-newsletter", N: 2000, Days: 30, Seed: 7, Journeys: 5}
	r1, err := a.Simulation.Simulate(req)
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := a.Simulation.Simulate(req)
	if r1.Contacts != 2000 || len(r1.Flows) == 0 || len(r1.Journeys) != 5 {
		t.Fatalf("contacts %d, flows %d, journeys %d", r1.Contacts, len(r1.Flows), len(r1.Journeys))
	}
	c1, _ := a.Simulation.SimulationCSV(*r1)
	c2, _ := a.Simulation.SimulationCSV(*r2)
	if c1 != c2 || !strings.Contains(c1, "hello") {
		t.Error("the same request and seed must give the same numbers")
	}
	if _, err := a.Simulation.Simulate(engine.SimRequest{FlowID: doc.Flow.ID, N: 0, Days: 30}); err == nil {
		t.Error("an empty audience must be refused")
	}
	own := engine.SimRequest{FlowID: doc.Flow.ID, N: 10, Days: 30, Seed: 7, RealContacts: true}
	if _, err := a.Simulation.Simulate(own); err == nil || !strings.Contains(err.Error(), "no contacts") {
		t.Errorf("simulation over a workspace without contacts: %v", err)
	}
	for _, e := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		if _, err := a.Contacts.AddContact(map[string]string{"email": e}, nil); err != nil {
			t.Fatal(err)
		}
	}
	own.N = 2
	if r, err := a.Simulation.Simulate(own); err != nil || r.Contacts != 2 {
		t.Errorf("simulation over the workspace's first 2 contacts: %v", err)
	}
}

// Every library rule can be tried in the test panel on the sample contact.
func TestEveryLibraryScriptRunsOnTheSample(t *testing.T) {
	a := newApp(t)
	list, err := a.Scripts.Scripts()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		res, err := a.Scripts.TestScript(engine.ScriptTestInput{Name: s.Name, Kind: s.Kind, Source: s.Source})
		if err != nil || res.Error != "" {
			t.Errorf("%s: %v %s (line %d)", s.Name, err, res.Error, res.Line)
		}
	}
}

// Another funnel's unfinished draft (a step with an error) does not stop
// this funnel's simulation: it is left out, and the run goes on.
func TestSimulateBesideAnUnfinishedFunnel(t *testing.T) {
	a := newApp(t)
	doc, err := a.Funnels.CreateFromTemplate("welcome")
	if err != nil {
		t.Fatal(err)
	}
	other, err := a.Funnels.CreateFlow("Half done")
	if err != nil {
		t.Fatal(err)
	}
	fl := *other.Flow
	fl.Nodes = []flow.Node{{ID: "in", Type: "trigger.from_flow"}, {ID: "mail", Type: "action.send_email"}}
	fl.Edges = []flow.Edge{{From: "in", Port: "next", To: "mail"}}
	if _, err := a.Funnels.SaveFlow(fl); err != nil {
		t.Fatal(err)
	}
	if issues := a.Funnels.ValidateFlow(fl); !flow.HasErrors(issues) {
		t.Fatalf("the other draft must be unfinished for this test: %v", issues)
	}
	// The welcome funnel ends by sending its contacts to the unfinished one.
	wf := *doc.Flow
	wf.Nodes = append([]flow.Node(nil), wf.Nodes...)
	wf.Edges = append([]flow.Edge(nil), wf.Edges...)
	wf.Nodes = append(wf.Nodes, flow.Node{ID: "onward", Type: "action.goto_flow", Config: map[string]any{"flow": fl.ID}})
	for _, nd := range wf.Nodes {
		if nd.Type == "trigger.list_joined" {
			for j, ed := range wf.Edges {
				if ed.From == nd.ID {
					wf.Edges[j].To = "onward"
				}
			}
		}
	}
	if _, err := a.Funnels.SaveFlow(wf); err != nil {
		t.Fatal(err)
	}
	if issues := a.Funnels.ValidateFlow(wf); flow.HasErrors(issues) {
		t.Fatalf("the welcome funnel sending to the other must have no error for this test: %v", issues)
	}
	r, err := a.Simulation.Simulate(engine.SimRequest{FlowID: doc.Flow.ID, Preset: "ecommerce-newsletter", N: 50, Days: 10, Seed: 3, Journeys: 5})
	if err != nil {
		t.Fatalf("simulating %q beside an unfinished funnel: %v", doc.Flow.Name, err)
	}
	if r.Contacts != 50 {
		t.Errorf("contacts %d, want 50", r.Contacts)
	}
	// The result says which funnel sends contacts to the one left out, both
	// by name, in each language; the contacts stop there with its code.
	if len(r.Notes) != 1 ||
		r.Notes[0].En != "The funnel “"+wf.Name+"” sends contacts to “Half done”, which is not finished: this simulation leaves it out, and those contacts stop there" ||
		r.Notes[0].Fr != "Le tunnel « "+wf.Name+" » envoie des contacts vers « Half done », qui n’est pas terminé : cette simulation le laisse de côté, et ces contacts s’y arrêtent" {
		t.Errorf("notes: %+v", r.Notes)
	}
	stopped := 0
	for _, j := range r.Journeys {
		for _, st := range j.Steps {
			if st.Code == string(words.FunnelLeftOut) {
				stopped++
				if st.Params["funnel"] != fl.ID || !strings.Contains(st.Text.Fr, "Le tunnel « Half done » n’est pas terminé") {
					t.Errorf("stopped at the funnel left out: %+v", st)
				}
			}
		}
	}
	if stopped == 0 {
		t.Errorf("no kept journey stopped at the funnel left out: %+v", r.Journeys)
	}
	// Simulating the unfinished funnel itself is refused in a plain
	// sentence naming it, in the UI language, without its steps' ids.
	for _, c := range []struct{ lang, want string }{
		{"en", "the funnel “Half done” is not finished (1 problem): open it in Funnels to see what is missing"},
		{"fr", "le tunnel « Half done » n’est pas terminé (1 problème) : ouvrez-le dans Tunnels pour voir ce qui manque"},
	} {
		if err := a.Preferences.SetLanguage(c.lang); err != nil {
			t.Fatal(err)
		}
		_, err := a.Simulation.Simulate(engine.SimRequest{FlowID: fl.ID, Preset: "ecommerce-newsletter", N: 50, Days: 10, Seed: 3})
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: simulating the unfinished funnel: %v, want %q", c.lang, err, c.want)
		}
		var inv *sim.Invalid
		if !errors.As(err, &inv) || len(inv.Issues[fl.ID]) == 0 {
			t.Errorf("%s: the refusal keeps the simulator's problems: %#v", c.lang, err)
		}
	}
}
