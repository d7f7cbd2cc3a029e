package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/engine"
)

// TestSwitchingWorkspaces: a new workspace opens in place of the first,
// whose lock is released at once (another engine can take it); the first
// comes back from the recent list with its funnel; a workspace that cannot
// be opened leaves the open one as it was.
func TestSwitchingWorkspaces(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FLIGHTPLAN_WORKSPACE", filepath.Join(dir, "default.flightplan"))
	first := filepath.Join(dir, "Acme.flightplan")
	e, err := engine.New(engine.Options{Workspace: first, Lock: "window"})
	if err != nil {
		t.Fatal(err)
	}
	engine.NoteOpened(first, time.Now()) // as main does
	a := New(e)
	t.Cleanup(func() { a.w.eng.Close() })
	if _, err := a.Funnels.CreateFlow("Acme welcome"); err != nil {
		t.Fatal(err)
	}
	if got := a.Workspace.Current(); got.Name != "Acme" || got.Folder != dir {
		t.Fatalf("current: %+v", got)
	}
	path, err := a.Workspace.PathFor("Globex", "")
	if err != nil || path != filepath.Join(dir, "Globex.flightplan") {
		t.Fatalf("path for Globex: %q, %v", path, err)
	}
	for _, bad := range []string{"", "  ", "a/b", `..`} {
		if _, err := a.Workspace.PathFor(bad, ""); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
	info, err := a.Workspace.New(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "Globex" || len(info.Recent) != 0 && info.Recent[0].Name != "Acme" {
		t.Errorf("after New: %+v", info)
	}
	if flows, _ := a.Funnels.ListFlows(); len(flows) != 0 {
		t.Errorf("the new workspace shows %d funnels", len(flows))
	}
	// The first workspace's lock went with its engine.
	other, err := engine.New(engine.Options{Workspace: first, Lock: "flightplan run"})
	if err != nil {
		t.Fatalf("the first workspace is still locked after the switch: %v", err)
	}
	other.Close()
	if _, err := a.Workspace.New(path); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("New over an existing file: %v", err)
	}
	if _, err := a.Workspace.Open(filepath.Join(dir, "nowhere.flightplan")); err == nil {
		t.Error("opened a workspace that does not exist")
	}
	if a.Workspace.Current().Name != "Globex" {
		t.Error("a failed open changed the open workspace")
	}
	var back string
	for _, r := range a.Workspace.Current().Recent {
		if r.Name == "Acme" {
			back = r.Path
		}
	}
	if back == "" {
		t.Fatalf("Acme is not in the recent list: %+v", a.Workspace.Current().Recent)
	}
	if _, err := a.Workspace.Open(back); err != nil {
		t.Fatal(err)
	}
	if flows, _ := a.Funnels.ListFlows(); len(flows) != 1 || flows[0].Name != "Acme welcome" {
		t.Errorf("back in Acme: %+v", flows)
	}
	if _, err := a.Workspace.Open(back); err == nil {
		t.Error("opening the open workspace again was not refused")
	}
}

// A workspace made or opened from a French window, with no language of its
// own, opens in French (the window's language, not the system's); one that
// has its own language keeps it.
func TestANewWorkspaceTakesTheWindowsLanguage(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FLIGHTPLAN_WORKSPACE", filepath.Join(dir, "default.flightplan"))
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANGUAGE"} {
		t.Setenv(k, "")
	}
	t.Setenv("LANG", "en_US.UTF-8")
	acme := filepath.Join(dir, "Acme.flightplan")
	e, err := engine.New(engine.Options{Workspace: acme, Lock: "window"})
	if err != nil {
		t.Fatal(err)
	}
	a := New(e)
	t.Cleanup(func() { a.w.eng.Close() })
	lang := func(when string) string {
		t.Helper()
		p, err := a.Preferences.GetSettings()
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		return p.Language
	}
	if got := lang("first open"); got != "en" {
		t.Fatalf("first open, English system: %q", got)
	}
	if err := a.Preferences.SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Workspace.New(filepath.Join(dir, "Client.flightplan")); err != nil {
		t.Fatal(err)
	}
	if err := a.Preferences.SetLanguage("fr"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Workspace.New(filepath.Join(dir, "Other.flightplan")); err != nil {
		t.Fatal(err)
	}
	if got := lang("a new workspace from a French window"); got != "fr" {
		t.Errorf("a new workspace from a French window opens in %q", got)
	}
	if got := a.w.lang(); got != "fr" {
		t.Errorf("the window's dialogs after the switch: %q", got)
	}
	if _, err := a.Workspace.Open(acme); err != nil {
		t.Fatal(err)
	}
	if got := lang("back in Acme"); got != "en" {
		t.Errorf("Acme, English of its own, opens in %q", got)
	}
}
