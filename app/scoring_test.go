package app

import (
	"flightplan/engine"
	"strings"
	"testing"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
)

// The scoring screen's calls on a real workspace: thresholds saved with
// the rules, the preview over a synthetic audience and over the
// workspace's contacts, and the hot-lead recipe published in one call.
func TestLeadScoringThroughTheBindings(t *testing.T) {
	a := newApp(t)
	th, err := a.Scoring.ScoringThresholds()
	if err != nil || th != (engine.Thresholds{Warm: 30, Hot: 60}) {
		t.Fatalf("default thresholds: %+v %v", th, err)
	}
	if _, err := a.Scoring.SaveLeadScoring(engine.Thresholds{Warm: 50, Hot: 40}, contacts.ScoringConfig{}); err == nil || !strings.Contains(err.Error(), "below the hot one") {
		t.Errorf("warm above hot: %v", err)
	}
	rules := contacts.ScoringConfig{Rules: []contacts.ScoringRule{{Name: "visit", Event: contact.EventPageVisited, Points: 10, Enabled: true}}}
	if _, err := a.Scoring.SaveLeadScoring(engine.Thresholds{Warm: 20, Hot: 40}, rules); err != nil {
		t.Fatal(err)
	}
	if th, _ := a.Scoring.ScoringThresholds(); th != (engine.Thresholds{Warm: 20, Hot: 40}) {
		t.Errorf("saved thresholds: %+v", th)
	}

	req := engine.ScoringPreviewRequest{Config: rules, Thresholds: engine.Thresholds{Warm: 20, Hot: 40}, Days: 30, Seed: 1}
	p, err := a.Scoring.PreviewScoring(req)
	if err != nil {
		t.Fatal(err)
	}
	if p.Contacts != 1000 || p.Hot == 0 || p.Warm == 0 || len(p.HotByDay) != 30 || p.HotByDay[29] != p.Hot || p.WarmByDay[29] != p.Warm || p.HotByDay[0] > p.HotByDay[10] {
		t.Errorf("synthetic preview: %+v", p)
	}
	// Fewer points per visit: fewer contacts get hot.
	half := req
	half.Config = contacts.ScoringConfig{Rules: []contacts.ScoringRule{{Name: "visit", Event: contact.EventPageVisited, Points: 2, Enabled: true}}}
	if q, err := a.Scoring.PreviewScoring(half); err != nil || q.Hot >= p.Hot {
		t.Errorf("2 points a visit gives %d hot, 10 points %d: %v", q.Hot, p.Hot, err)
	}
	req.RealContacts = true
	if _, err := a.Scoring.PreviewScoring(req); err == nil || !strings.Contains(err.Error(), "no contacts") {
		t.Errorf("preview over an empty workspace: %v", err)
	}
	for _, e := range []string{"a@example.com", "b@example.com"} {
		if _, err := a.Contacts.AddContact(map[string]string{"email": e}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := a.Scoring.PreviewScoring(req); err != nil || p.Contacts != 2 || !p.RealContacts {
		t.Errorf("preview over the workspace: %+v %v", p, err)
	}

	if fs, _ := a.Scoring.HotLeadFunnels(); len(fs) != 0 {
		t.Errorf("no recipe yet: %+v", fs)
	}
	if _, err := a.Scoring.CreateHotLeadFunnel(engine.HotLeadRecipe{AlertTo: "sales team"}); err == nil {
		t.Errorf("an alert to a non-address was accepted")
	}
	doc, err := a.Scoring.CreateHotLeadFunnel(engine.HotLeadRecipe{Name: "Hot leads", AlertTo: "sales@example.com", Tag: "MQL", Stage: "mql"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Info.PublishedVersion != 1 || len(doc.Flow.Nodes) != 4 || len(doc.Flow.Edges) != 3 {
		t.Errorf("recipe funnel: %+v", doc)
	}
	if fs, _ := a.Scoring.HotLeadFunnels(); len(fs) != 1 || fs[0].Name != "Hot leads" || !fs[0].Published {
		t.Errorf("recipe listed: %+v", fs)
	}
}
