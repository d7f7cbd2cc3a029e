package engine

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/settings"
	"flightplan/engine/store"
)

// seededEngine is a workspace with secrets in its file (no keyring), a
// funnel, an email and a contact on a list. Always a SQLite file, even with
// FLIGHTPLAN_TEST_DB=postgres: these copies are the file's (a PostgreSQL
// workspace is copied with pg_dump, and says so).
func seededEngine(t *testing.T) (*Engine, map[string]string) {
	t.Helper()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	e, err := New(Options{Workspace: filepath.Join(t.TempDir(), "ws.flightplan"), Clock: clock.NewVirtual(now)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	secrets := map[string]string{
		settings.IntakeToken: "tok-9f2c1d7e5a3b4c6d8e0f1a2b",
		settings.TrackingKey: "key-0a1b2c3d4e5f60718293a4b5c6d7e8f9",
	}
	for k, v := range secrets {
		if err := e.Store.SetSetting(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Store.SetSetting(settings.Relay, `{"name":"relay","host":"smtp.example.com","port":587,"security":"starttls","username":"ann","password":"pw-Zq8rT4vX2yW6","from":"ann@example.com"}`); err != nil {
		t.Fatal(err)
	}
	secrets["relay password"] = "pw-Zq8rT4vX2yW6"
	if _, err := e.CreateFlow("Client welcome"); err != nil {
		t.Fatal(err)
	}
	if err := e.Store.SaveTemplate("hello", "Hello", `{"subject":"Hello","html":"<p>Hi</p>"}`, now); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Runner.CreateContact(context.Background(), &contact.Contact{Email: "zoe.secret-client@example.com", Identity: map[string]string{}}, []string{"newsletter"}); err != nil {
		t.Fatal(err)
	}
	return e, secrets
}

func count(t *testing.T, st *store.Store, table string) int {
	t.Helper()
	var n int
	if err := st.ReadDB().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestExportForClientLeavesSecretsOut: the copy for a client holds the
// funnels, emails and lists but not one byte of the intake token, the
// tracking key or the relay password, nor (by choice) the contacts; the
// workspace it came from keeps all of them.
func TestExportForClientLeavesSecretsOut(t *testing.T) {
	e, secrets := seededEngine(t)
	ctx := context.Background()
	dir := t.TempDir()
	for _, withContacts := range []bool{false, true} {
		path := filepath.Join(dir, "client.flightplan")
		if err := e.ExportForClient(ctx, path, withContacts); err != nil {
			t.Fatal(err)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for what, v := range secrets {
			if bytes.Contains(raw, []byte(v)) {
				t.Errorf("the client's copy holds the %s", what)
			}
		}
		if _, err := os.Stat(path + ".part"); err == nil {
			t.Error("the half-written copy was left behind")
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
		cp, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, cp, "flows"); n != 1 {
			t.Errorf("%d funnels in the copy, want 1", n)
		}
		if n := count(t, cp, "templates"); n != 1 {
			t.Errorf("%d emails in the copy, want 1", n)
		}
		if n := count(t, cp, "lists"); n != 1 {
			t.Errorf("%d lists in the copy, want 1", n)
		}
		relay, _ := cp.Setting(settings.Relay)
		if !strings.Contains(relay, "smtp.example.com") || strings.Contains(relay, "password") {
			t.Errorf("relay in the copy: %s, want its host without a password", relay)
		}
		want := 0
		if withContacts {
			want = 1
		}
		if n := count(t, cp, "contacts"); n != want {
			t.Errorf("with contacts %v: %d contacts in the copy", withContacts, n)
		}
		if !withContacts && bytes.Contains(raw, []byte("zoe.secret-client")) {
			t.Error("a contact's address lingers in the file without contacts")
		}
		cp.Close()
	}
	if tok, _ := e.Store.Setting(settings.IntakeToken); tok != secrets[settings.IntakeToken] {
		t.Errorf("the workspace lost its intake token: %q", tok)
	}
	if n := count(t, e.Store, "contacts"); n != 1 {
		t.Errorf("the workspace lost its contacts: %d", n)
	}
}

// TestSaveCopyIsAWholeWorkspace: a copy holds everything, secrets
// included, under an id of its own; it cannot replace the open workspace.
func TestSaveCopyIsAWholeWorkspace(t *testing.T) {
	e, secrets := seededEngine(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "copy.flightplan")
	if err := e.SaveCopy(ctx, path); err != nil {
		t.Fatal(err)
	}
	cp, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if n := count(t, cp, "contacts"); n != 1 {
		t.Errorf("%d contacts in the copy", n)
	}
	if tok, _ := cp.Setting(settings.IntakeToken); tok != secrets[settings.IntakeToken] {
		t.Errorf("intake token in the copy: %q", tok)
	}
	var a, b string
	e.Store.ReadDB().QueryRow("SELECT coalesce((SELECT value FROM meta WHERE key='workspace_id'),'')").Scan(&a)
	cp.ReadDB().QueryRow("SELECT coalesce((SELECT value FROM meta WHERE key='workspace_id'),'')").Scan(&b)
	if a != "" && a == b {
		t.Errorf("the copy shares the workspace id %q", a)
	}
	if err := e.SaveCopy(ctx, e.Store.Path); err == nil || !strings.Contains(err.Error(), "open now") {
		t.Errorf("saving over the open workspace: %v", err)
	}
}

// TestRecentAndStartWorkspace: the last opened comes first, each once;
// at start the command line wins, then $FLIGHTPLAN_WORKSPACE, then the
// last one used that is still there.
func TestRecentAndStartWorkspace(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("FLIGHTPLAN_WORKSPACE", "")
	a, b := filepath.Join(dir, "Acme.flightplan"), filepath.Join(dir, "Globex.flightplan")
	for _, p := range []string{a, b} {
		os.WriteFile(p, nil, 0o600)
	}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for _, p := range []string{a, b, a} {
		if err := NoteOpened(p, now); err != nil {
			t.Fatal(err)
		}
	}
	list := RecentWorkspaces()
	if len(list) != 2 || list[0].Path != a || list[0].Name != "Acme" || list[1].Name != "Globex" {
		t.Fatalf("recent: %+v", list)
	}
	if got := StartWorkspace(""); got != a {
		t.Errorf("start: %s, want the last used %s", got, a)
	}
	if got := StartWorkspace(b); got != b {
		t.Errorf("start with --workspace: %s", got)
	}
	os.Remove(a)
	if got := StartWorkspace(""); got != b {
		t.Errorf("start with the last one gone: %s, want %s", got, b)
	}
	if !RecentWorkspaces()[0].Missing {
		t.Error("a deleted workspace is not marked missing")
	}
	t.Setenv("FLIGHTPLAN_WORKSPACE", a)
	if got := StartWorkspace(""); got != a {
		t.Errorf("start with $FLIGHTPLAN_WORKSPACE: %s", got)
	}
}
