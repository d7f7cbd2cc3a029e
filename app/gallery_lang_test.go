package app

import (
	"slices"
	"strings"
	"testing"

	"flightplan/engine/flow"
	"flightplan/engine/mail"
)

// A funnel taken from the gallery while the UI is in French is written in
// French: its name, its step labels, the lists it creates and the emails it
// brings; the gallery itself lists the French names.
func TestGalleryFollowsTheUILanguage(t *testing.T) {
	a := newApp(t)
	if err := a.Preferences.SetLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	g, err := a.Funnels.Gallery()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(g))
	for i, tp := range g {
		names[i] = tp.Name
	}
	if !slices.Contains(names, "Panier abandonné") || slices.Contains(names, "Abandoned cart") {
		t.Errorf("French gallery: %v", names)
	}
	doc, err := a.Funnels.CreateFromTemplate("double-optin")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Info.Name != "Confirmation d’inscription (double opt-in)" || flow.HasErrors(doc.Issues) {
		t.Errorf("created %q with %+v", doc.Info.Name, doc.Issues)
	}
	if n := doc.Flow.Node("confirm"); n == nil || n.Label != "Demande de confirmation" {
		t.Errorf("step confirm: %+v", n)
	}
	look, err := a.References.GetLookups()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(look.Lists, "inscriptions à confirmer") || slices.Contains(look.Lists, "pending") {
		t.Errorf("lists %v", look.Lists)
	}
	emails, err := a.Emails.EmailTemplates()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(emails, func(m mail.Template) bool { return m.ID == "optin-confirm" })
	if i < 0 {
		t.Fatalf("no optin-confirm email among %d", len(emails))
	}
	m := emails[i]
	if m.Subject != "Merci de confirmer votre inscription" || m.Preheader == "" || len(m.Blocks) == 0 {
		t.Errorf("stored email: %+v", m)
	}
}

// A French funnel taken from the gallery after the English one of the same
// kind brings its own French emails: it does not send the English emails
// stored under the same ids, and the English funnel keeps them.
func TestFrenchGalleryFunnelDoesNotReuseEnglishEmails(t *testing.T) {
	a := newApp(t)
	en, err := a.Funnels.CreateFromTemplate("cart")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Preferences.SetLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	fr, err := a.Funnels.CreateFromTemplate("cart")
	if err != nil {
		t.Fatal(err)
	}
	if flow.HasErrors(fr.Issues) {
		t.Errorf("French funnel issues: %+v", fr.Issues)
	}
	emails, err := a.Emails.EmailTemplates()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]mail.Template{}
	for _, m := range emails {
		byID[m.ID] = m
	}
	for _, c := range []struct {
		doc  flow.Flow
		want string
	}{{*en.Flow, "Cart reminder"}, {*fr.Flow, "Rappel du panier"}} {
		n := c.doc.Node("nudge")
		if n == nil {
			t.Fatalf("%s: no step nudge", c.doc.ID)
		}
		id, _ := n.Config["template"].(string)
		if got := byID[id].Name; got != c.want {
			t.Errorf("%s: step nudge sends %q named %q, want %q", c.doc.ID, id, got, c.want)
		}
	}
	// A second French funnel reuses the French copy rather than making a third.
	if _, err := a.Funnels.CreateFromTemplate("cart"); err != nil {
		t.Fatal(err)
	}
	again, err := a.Emails.EmailTemplates()
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(emails) {
		t.Errorf("a second French funnel stored %d more emails", len(again)-len(emails))
	}
}

// An email of the user's own that happens to have a gallery email's id is
// not sent by the gallery funnel: the funnel brings its own copy.
func TestGalleryFunnelDoesNotSendTheUsersEmailOfTheSameID(t *testing.T) {
	a := newApp(t)
	if _, err := a.Emails.SaveEmailTemplate(mail.Template{ID: "welcome-1", Name: "Welcome 1", Subject: "Hello"}); err != nil {
		t.Fatal(err)
	}
	doc, err := a.Funnels.CreateFromTemplate("welcome")
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, n := range doc.Flow.Nodes {
		if s, _ := n.Config["template"].(string); strings.HasPrefix(s, "welcome-1") {
			id = s
		}
	}
	emails, err := a.Emails.EmailTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range emails {
		if m.ID == id && (m.Name == "Welcome 1" || m.Subject == "Hello") {
			t.Errorf("the welcome funnel sends the user's own email %q", id)
		}
		if m.ID == "welcome-1" && m.Name != "Welcome 1" {
			t.Errorf("the user's email was overwritten: %+v", m)
		}
	}
	if id == "" {
		t.Errorf("no welcome-1 step in %+v", doc.Flow.Nodes)
	}
}
