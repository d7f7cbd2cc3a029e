package app

import (
	"path/filepath"
	"testing"

	"flightplan/engine"
)

// A first start on a French system (LANG=fr_CA.UTF-8, a new workspace)
// opens in French, File menu included; a switch of language is told that
// the menu follows only at the next start (GetSettings hands the window
// the menu's language), and the next start builds it in the new one.
func TestAFirstStartFollowsTheSystemLocaleMenuIncluded(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FLIGHTPLAN_WORKSPACE", filepath.Join(dir, "default.flightplan"))
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"} {
		t.Setenv(k, "")
	}
	t.Setenv("LANG", "fr_CA.UTF-8")
	start := func() *Services {
		t.Helper()
		e, err := engine.New(engine.Options{Workspace: filepath.Join(dir, "Acme.flightplan"), Lock: "window"})
		if err != nil {
			t.Fatal(err)
		}
		a := New(e)
		t.Cleanup(func() { a.w.eng.Close() })
		return a
	}
	a := start()
	if got := a.Menu().Items[0].Label; got != "Fichier" {
		t.Errorf("the File menu on a French system reads %q", got)
	}
	p, err := a.Preferences.GetSettings()
	if err != nil {
		t.Fatal(err)
	}
	if p.Language != "fr" || p.MenuLanguage != "fr" {
		t.Errorf("first start on a French system: window %q, menu %q", p.Language, p.MenuLanguage)
	}
	if err := a.Preferences.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if p, _ := a.Preferences.GetSettings(); p.Language != "en" || p.MenuLanguage != "fr" {
		t.Errorf("after a switch to English: window %q, menu %q (the menu follows at the next start)", p.Language, p.MenuLanguage)
	}
	a.w.eng.Close()
	if got := start().Menu().Items[0].Label; got != "File" {
		t.Errorf("the next start's File menu reads %q", got)
	}
}
