package app

import (
	"slices"
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
