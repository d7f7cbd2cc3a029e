package app

import (
	"strings"
	"testing"
	"time"

	"flightplan/engine/store"
)

// The refusal window names who holds the workspace, in the user's language.
func TestLockedPageNamesTheHolder(t *testing.T) {
	since := time.Now()
	e := &store.LockedError{Path: "/home/ana/Client #1.flightplan", Holder: store.Holder{PID: 4242, Command: "flightplan run", Since: since}}
	en := string(LockedPage(e, "en"))
	for _, want := range []string{"This workspace is already open", "It is open in the command “flightplan run” (process 4242, since " + since.Format("15:04") + ")", "/home/ana/Client #1.flightplan", "Close"} {
		if !strings.Contains(en, want) {
			t.Errorf("English page lacks %q:\n%s", want, en)
		}
	}
	e.Holder.Command = "window"
	fr := string(LockedPage(e, "fr"))
	for _, want := range []string{`lang="fr"`, "Cet espace de travail est déjà ouvert", "une autre fenêtre Flightplan (processus 4242, depuis " + since.Format("15 h 04") + ")", "Fermer"} {
		if !strings.Contains(fr, want) {
			t.Errorf("French page lacks %q:\n%s", want, fr)
		}
	}
	if unknown := string(LockedPage(&store.LockedError{Path: "x"}, "en")); !strings.Contains(unknown, "Another Flightplan is using it.") {
		t.Errorf("holder not written yet:\n%s", unknown)
	}
}
