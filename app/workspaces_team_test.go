package app

import (
	"database/sql"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"flightplan/engine"
	"flightplan/engine/store"
	"flightplan/engine/store/keyringtest"
	"flightplan/engine/store/pgtest"
)

// TestMain stops the throwaway PostgreSQL of the team workspace tests.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// teamParts splits a pgtest URL into the dialog's parts.
func teamParts(t *testing.T, raw string) engine.TeamAddress {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	port, _ := strconv.Atoi(u.Port())
	return engine.TeamAddress{Host: u.Hostname(), Port: port, Database: strings.Trim(u.Path, "/"), User: u.User.Username()}
}

// fileWindow is a window on a workspace file, its recent list in a
// temporary folder.
func fileWindow(t *testing.T) (*Services, string) {
	t.Helper()
	dir := t.TempDir()
	// The recent list lives beside the default workspace: in dir.
	t.Setenv("XDG_DATA_HOME", dir)
	t.Setenv("FLIGHTPLAN_WORKSPACE", "")
	file := filepath.Join(dir, "Local.flightplan")
	e, err := engine.New(engine.Options{Workspace: file, Lock: "window"})
	if err != nil {
		t.Fatal(err)
	}
	engine.NoteOpened(file, time.Now())
	a := New(e)
	t.Cleanup(func() {
		a.w.stopTeamWatch()
		a.w.eng.Close()
	})
	return a, file
}

// The dialog's Test button says what an address leads to, in states the
// window words: a closed port, a refused or missing password, a missing
// database, an empty one (offered to be set up), another program's, a
// Flightplan workspace, and a part of the address left out.
func TestCheckingATeamWorkspaceSaysWhatFailed(t *testing.T) {
	a, _ := fileWindow(t)
	empty := teamParts(t, pgtest.Database(t))
	user, pw := pgtest.PasswordUser(t)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().(*net.TCPAddr).Port
	l.Close()

	other := pgtest.Database(t)
	db, err := sql.Open("pgx", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE invoices (id int)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ready := pgtest.Database(t)
	st, err := store.Open(ready)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	with := func(f func(*engine.TeamAddress)) engine.TeamAddress { c := empty; f(&c); return c }
	cases := []struct {
		name  string
		addr  engine.TeamAddress
		state store.PGState
		field string
	}{
		{"no server on the port", with(func(c *engine.TeamAddress) { c.Port = closed }), store.PGUnreachable, ""},
		{"no such server", with(func(c *engine.TeamAddress) { c.Host = "no-such-host.invalid" }), store.PGUnreachable, ""},
		{"wrong password", with(func(c *engine.TeamAddress) { c.User, c.Password = user, "not-it" }), store.PGPassword, ""},
		{"no password", with(func(c *engine.TeamAddress) { c.User = user }), store.PGPassword, ""},
		{"no such database", with(func(c *engine.TeamAddress) { c.Database = "nobody_here" }), store.PGNoDatabase, ""},
		{"an empty database", with(func(c *engine.TeamAddress) { c.User, c.Password = user, pw }), store.PGEmpty, ""},
		{"another program's database", teamParts(t, other), store.PGOther, ""},
		{"a Flightplan workspace, pasted", engine.TeamAddress{URL: ready}, store.PGReady, ""},
		{"no server named", with(func(c *engine.TeamAddress) { c.Host = " " }), store.PGAddress, "host"},
		{"no database named", with(func(c *engine.TeamAddress) { c.Database = "" }), store.PGAddress, "database"},
		{"a port out of range", with(func(c *engine.TeamAddress) { c.Port = 70000 }), store.PGAddress, "port"},
		{"a pasted address that is not one", engine.TeamAddress{URL: "http://example.com/db"}, store.PGAddress, "url"},
	}
	for _, c := range cases {
		got := a.Workspace.CheckTeam(c.addr)
		if got.State != c.state || got.Field != c.field {
			t.Errorf("%s: %s/%s (%s), want %s/%s", c.name, got.State, got.Field, got.Detail, c.state, c.field)
		}
		if strings.Contains(got.Detail+got.Address, pw) || strings.Contains(got.Detail+got.Address, "not-it") {
			t.Errorf("%s: the password is in the answer: %+v", c.name, got)
		}
	}
}

// A team workspace opened from the window: an empty database is set up
// only when asked, the password goes to the system keyring (a real Secret
// Service on a private bus) and never into the recent list, the screens
// work on it, and it reopens from the recent list with the remembered
// password; with no keyring it is not lost: opening it says why and gives
// the address back to ask for the password.
func TestOpeningATeamWorkspaceRemembersThePasswordInTheKeyring(t *testing.T) {
	keyringtest.Start(t)
	a, file := fileWindow(t)
	user, pw := pgtest.PasswordUser(t)
	addr := teamParts(t, pgtest.Database(t))
	addr.User, addr.Password = user, pw

	res, err := a.Workspace.OpenTeam(addr, true, false)
	if err != nil || res.Opened || res.Check.State != store.PGEmpty {
		t.Fatalf("an empty database opened without asking: %+v, %v", res, err)
	}
	res, err = a.Workspace.OpenTeam(addr, true, true)
	if err != nil || !res.Opened || !res.Remembered || res.Keyring != "" {
		t.Fatalf("open with set-up: %+v, %v", res, err)
	}
	cur := a.Workspace.Current()
	wantName := addr.Database + " (127.0.0.1:" + strconv.Itoa(addr.Port) + ")"
	if !cur.Team || cur.Name != wantName || cur.Database != addr.Database || strings.Contains(cur.Path, pw) || cur.Folder != "" {
		t.Fatalf("current: %+v, want a team workspace named %q without its password", cur, wantName)
	}
	if Title(a.w.eng.Store.Path) != wantName+" — Flightplan" {
		t.Errorf("title %q", Title(a.w.eng.Store.Path))
	}
	if _, err := a.Funnels.CreateFlow("Team welcome"); err != nil {
		t.Fatal(err)
	}
	recent, _ := os.ReadFile(engine.RecentFile())
	if strings.Contains(string(recent), pw) || !strings.Contains(string(recent), addr.Database) {
		t.Fatalf("recent list: %s", recent)
	}
	if got, err := store.TeamPassword(cur.Path); got != pw || err != nil {
		t.Fatalf("keyring holds %q, %v", got, err)
	}
	// The window starts again on it, with the remembered password; with
	// no keyring, on the last file.
	if ws := engine.StartWorkspace(""); store.StripPassword(ws) != cur.Path || store.URLPassword(ws) != pw {
		t.Errorf("the window starts on %s, want the team workspace with its remembered password", store.Redact(ws))
	}
	if _, ask := engine.ChooseStart(""); ask != nil {
		t.Errorf("the password is asked for at start-up with the keyring at hand: %+v", ask)
	}
	if got := a.Workspace.StartAsk(); got.Keyring != "" {
		t.Errorf("a window started with nothing to ask asks: %+v", got)
	}
	// With no keyring: on the last file, and the window asks for the team
	// workspace's password at once, saying why, as the recent list does.
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	ws, ask := engine.ChooseStart("")
	if ws != file {
		t.Errorf("with no keyring the window starts on %s, want the last file", store.Redact(ws))
	}
	if ask == nil || ask.Workspace != cur.Path || ask.Keyring != "missing" {
		t.Fatalf("with no keyring, asked at start-up: %+v, want %s (missing)", ask, cur.Path)
	}
	a.AskAtStart(ask)
	got := a.Workspace.StartAsk()
	if got.Opened || got.Keyring != "missing" || got.Address.Database != addr.Database || got.Address.User != user || got.Address.Port != addr.Port ||
		got.Address.Password != "" || got.Check.Name != wantName {
		t.Fatalf("asked at start-up: %+v", got)
	}
	if again := a.Workspace.StartAsk(); again.Keyring != "" {
		t.Fatalf("asked twice: %+v", again)
	}
	t.Setenv("FLIGHTPLAN_KEYRING", "")

	// Back to the file, then the team workspace from the recent list.
	if _, err := a.Workspace.Open(file); err != nil {
		t.Fatal(err)
	}
	info := a.Workspace.Current()
	if len(info.Recent) == 0 || !info.Recent[0].Team || info.Recent[0].Host != "127.0.0.1:"+strconv.Itoa(addr.Port) || info.Recent[0].Database != addr.Database {
		t.Fatalf("recent: %+v", info.Recent)
	}
	res, err = a.Workspace.OpenRecentTeam(info.Recent[0].Path)
	if err != nil || !res.Opened {
		t.Fatalf("reopen from the recent list: %+v, %v", res, err)
	}
	flows, err := a.Funnels.ListFlows()
	if err != nil || len(flows) != 1 || flows[0].Name != "Team welcome" {
		t.Fatalf("funnels on the team workspace: %+v, %v", flows, err)
	}

	// No keyring: the workspace stays in the list; opening it asks again.
	if _, err := a.Workspace.Open(file); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FLIGHTPLAN_KEYRING", "off")
	res, err = a.Workspace.OpenRecentTeam(cur.Path)
	if err != nil || res.Opened || res.Keyring != "missing" || res.Check.State != store.PGPassword {
		t.Fatalf("with no keyring: %+v, %v", res, err)
	}
	if res.Address.User != user || res.Address.Database != addr.Database || res.Address.Port != addr.Port || res.Address.Password != "" {
		t.Fatalf("the address given back to ask again: %+v", res.Address)
	}
	// The password typed again opens it; the keyring that cannot keep it
	// is said, not fatal.
	again := res.Address
	again.Password = pw
	res, err = a.Workspace.OpenTeam(again, true, false)
	if err != nil || !res.Opened || res.Remembered || res.Keyring != "missing" {
		t.Fatalf("the password typed again with no keyring: %+v, %v", res, err)
	}
}

// A window on a team workspace listens to its changes (others' saves are
// heard at once, see store.Listen), and stops when it goes back to a
// workspace file, which has none.
func TestATeamWorkspaceWindowListens(t *testing.T) {
	a, file := fileWindow(t)
	if w := a.Workspace.TeamWatch(); w.Listening {
		t.Fatalf("listening on a workspace file: %+v", w)
	}
	user, pw := pgtest.PasswordUser(t)
	addr := teamParts(t, pgtest.Database(t))
	addr.User, addr.Password = user, pw
	if res, err := a.Workspace.OpenTeam(addr, false, true); err != nil || !res.Opened {
		t.Fatalf("open: %+v, %v", res, err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !a.Workspace.TeamWatch().Up {
		if time.Now().After(deadline) {
			t.Fatalf("the team workspace's listener is not up: %+v", a.Workspace.TeamWatch())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if w := a.Workspace.TeamWatch(); !w.Listening || w.DownSince != 0 {
		t.Fatalf("up: %+v", w)
	}
	if _, err := a.Workspace.Open(file); err != nil {
		t.Fatal(err)
	}
	if w := a.Workspace.TeamWatch(); w.Listening || w.Up {
		t.Fatalf("still listening after going back to a file: %+v", w)
	}
}
