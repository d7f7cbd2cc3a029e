package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"flightplan/engine"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// A window whose engine could not start (its secrets are in a keyring out
// of reach) says why on the settings screen, not only "stopped".
func TestEngineStatusSaysWhyTheEngineIsStopped(t *testing.T) {
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	e, err := engine.New(engine.Options{Workspace: filepath.Join(t.TempDir(), "ws.flightplan"), Keyring: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	// As left by a session whose keyring took the tracking key.
	if _, err := e.Store.DB().Exec(`INSERT INTO settings(key,value) VALUES(?,?)`, settings.TrackingKey, store.InKeyring); err != nil {
		t.Fatal(err)
	}
	a := New(e)
	a.Startup(context.Background())
	st, err := a.Sending.GetEngineStatus()
	if err != nil {
		t.Fatal(err)
	}
	if st.Running || !strings.Contains(st.Problem, "keyring") || !strings.Contains(st.Problem, settings.TrackingKey) {
		t.Fatalf("status %+v: want stopped, with the keyring named as the reason", st)
	}
}

// A sender address the engine cannot use stops it; saving a good one
// starts it again, without relaunching the app.
func TestSavingSendingSettingsRestartsAStoppedEngine(t *testing.T) {
	a := newApp(t)
	a.Startup(context.Background())
	s, err := a.Sending.GetSendingSettings()
	if err != nil {
		t.Fatal(err)
	}
	// Saving a bad sender is refused now (the settings registry checks it);
	// one left in the file (by hand, by an older version) still stops the
	// engine.
	s.From = "not an address"
	if err := a.Sending.SetSendingSettings(s); err == nil || !strings.Contains(err.Error(), `Sender: "not an address" is not an email address`) {
		t.Fatalf("a bad sender saved: %v", err)
	}
	if err := a.w.eng.Store.SetSetting(settings.From, "not an address"); err != nil {
		t.Fatal(err)
	}
	a.w.eng.Stop()
	a.w.eng.StartLive()
	if st, _ := a.Sending.GetEngineStatus(); st.Running || !strings.Contains(st.Problem, settings.From) {
		t.Fatalf("after a bad sender: %+v, want stopped with the sender named", st)
	}
	s.From = "Shop <shop@example.com>"
	if err := a.Sending.SetSendingSettings(s); err != nil {
		t.Fatal(err)
	}
	if st, _ := a.Sending.GetEngineStatus(); !st.Running || st.Problem != "" {
		t.Fatalf("after a good sender: %+v, want running", st)
	}
}

// A workspace that cannot be opened for another reason than a lock gets a
// page of its own in both languages, with the engine's words, escaped.
func TestOpenFailedPageSaysWhy(t *testing.T) {
	err := errors.New(`open /data/ws.flightplan: read-only file system <b>`)
	en := string(OpenFailedPage("/data/ws.flightplan", err, "en"))
	fr := string(OpenFailedPage("/data/ws.flightplan", err, "fr"))
	for _, c := range []struct{ page, title string }{{en, "could not open its workspace"}, {fr, "n’a pas pu ouvrir son espace de travail"}} {
		if !strings.Contains(c.page, c.title) || !strings.Contains(c.page, "read-only file system &lt;b&gt;") || !strings.Contains(c.page, "/data/ws.flightplan") {
			t.Errorf("page:\n%s", c.page)
		}
	}
	if !strings.Contains(fr, `lang="fr"`) || !strings.Contains(fr, "Fermer") {
		t.Errorf("French page:\n%s", fr)
	}
}
