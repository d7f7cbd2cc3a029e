package words_test

import (
	"testing"

	"flightplan/engine/contact"
	"flightplan/engine/sim"
	"flightplan/engine/words"
)

// Every built-in audience and each of its personas has a name in English
// and in French (and a sentence saying who they are), so neither the
// window nor the command line ever shows a slug.
func TestEveryAudienceAndPersonaHasItsNames(t *testing.T) {
	audiences := []sim.Audience{sim.FromContacts([]*contact.Contact{{}}, sim.Behaviour{})}
	for _, name := range sim.PresetNames() {
		a, err := sim.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		audiences = append(audiences, a)
	}
	for _, a := range audiences {
		name := a.Name
		if !words.Labelled("audience", name) || !words.Labelled("audience.help", name) {
			t.Errorf("audience %q has no name or no description", name)
		}
		for _, lang := range []string{"en", "fr"} {
			if n := words.Audience(lang, name); n == name || n == "" {
				t.Errorf("audience %q in %s reads %q", name, lang, n)
			}
			if h := words.AudienceHelp(lang, name); len(h) < 20 {
				t.Errorf("audience %q in %s is described as %q", name, lang, h)
			}
		}
		for _, p := range a.Personas {
			if !words.Labelled("persona", p.Name) {
				t.Errorf("persona %q of %q has no name", p.Name, name)
			}
		}
	}
	if got := words.Audience("fr", "cold-b2b"); got != "Liste B2B froide" {
		t.Errorf("cold-b2b in French: %q", got)
	}
	if got := words.Persona("fr", "loyal-shopper"); got != "client fidèle" {
		t.Errorf("loyal-shopper in French: %q", got)
	}
	// An audience or persona from a file reads as its words, never as a slug.
	if got := words.Persona("fr", "vip-buyers"); got != "vip buyers" {
		t.Errorf("a persona from a file: %q", got)
	}
	if got := words.AudienceHelp("en", "my-file"); got != "" {
		t.Errorf("an audience from a file has a description: %q", got)
	}
	if got := words.Texts("persona", "fan"); got.Pseudo != "⟦fan⟧" || got.Fr != "fan" {
		t.Errorf("Texts: %+v", got)
	}
	// The window's list holds them all, in both languages.
	all := words.Simulated()
	if got := all.Audiences["contacts"].Title.Fr; got != "Mes vrais contacts" {
		t.Errorf("the window's list: contacts reads %q in French", got)
	}
	if got := all.Personas["tyre-kicker"]; got.En != "tyre kicker" || got.Fr != "curieux" {
		t.Errorf("the window's list: tyre-kicker reads %+v", got)
	}
	if len(all.Audiences) != len(sim.PresetNames())+2 {
		t.Errorf("the window's list has %d audiences", len(all.Audiences))
	}
}
