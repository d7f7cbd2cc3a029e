package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"flightplan/engine/flow"
)

// listenWait bounds how long a test waits for a change to be heard: a
// failure bound on a busy machine, not a measure of speed.
const listenWait = 20 * time.Second

// heard collects what a Listener reports, in order.
type heard struct {
	changes chan Change
	states  chan bool
}

func newHeard() *heard { return &heard{changes: make(chan Change, 64), states: make(chan bool, 64)} }

func (h *heard) change(t *testing.T, what string) Change {
	t.Helper()
	select {
	case c := <-h.changes:
		return c
	case <-time.After(listenWait):
		t.Fatalf("%s: nothing heard within %v", what, listenWait)
	}
	return Change{}
}

func (h *heard) state(t *testing.T, want bool, what string) {
	t.Helper()
	select {
	case up := <-h.states:
		if up != want {
			t.Fatalf("%s: the listening connection went up=%v, want up=%v", what, up, want)
		}
	case <-time.After(listenWait):
		t.Fatalf("%s: the listening connection did not go up=%v within %v", what, want, listenWait)
	}
}

// Two windows' handles on one team workspace: a draft saved, published or
// deleted through one is heard by the other's listener, signed with who
// saved; a save refused (someone saved since) is not announced; the
// listening connection, ended by the server (pg_terminate_backend), comes
// back by itself and says a resync is due.
func TestTeamWorkspaceChangesAreHeard(t *testing.T) {
	a, url := openPGStore(t)
	b, err := Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	h := newHeard()
	l := b.Listen(func(c Change) { h.changes <- c }, func(up bool) { h.states <- up })
	defer l.Close()
	h.state(t, true, "listening starts")

	now := time.Now()
	f := flow.New("welcome", "Welcome")
	if _, err := a.SaveFlowOn(f, now, 0, "Marie"); err != nil {
		t.Fatal(err)
	}
	if c := h.change(t, "a new funnel"); c != (Change{Kind: "draft", Flow: "welcome", By: "Marie"}) {
		t.Fatalf("heard %+v", c)
	}
	f.Name = "Welcome (Marie)"
	if conflict, err := a.SaveFlowOn(f, now, 1, "Marie"); err != nil || conflict != nil {
		t.Fatalf("save on version 1: %v %+v", err, conflict)
	}
	if c := h.change(t, "Marie's save"); c != (Change{Kind: "draft", Flow: "welcome", By: "Marie"}) {
		t.Fatalf("heard %+v", c)
	}
	// Ann saves on the version she loaded (1): refused, nothing announced.
	if conflict, err := b.SaveFlowOn(f, now, 1, "Ann"); err != nil || conflict == nil {
		t.Fatalf("a save over Marie's: %v %+v", err, conflict)
	}
	if _, err := a.Publish(f, "", now); err != nil {
		t.Fatal(err)
	}
	if c := h.change(t, "publishing"); c != (Change{Kind: "published", Flow: "welcome"}) {
		t.Fatalf("after the refused save, heard %+v (want the publishing)", c)
	}

	// The server ends the listening connection: it comes back, and the
	// window is told to look again (saves meanwhile were not heard).
	pid := l.Backend()
	if pid == 0 {
		t.Fatal("no listening connection")
	}
	var ended bool
	if err := a.DB().QueryRowContext(context.Background(), `SELECT pg_terminate_backend($1)`, int64(pid)).Scan(&ended); err != nil || !ended {
		t.Fatalf("pg_terminate_backend(%d): %v %v", pid, ended, err)
	}
	h.state(t, false, "the connection ended")
	h.state(t, true, "the connection back")
	if c := h.change(t, "back after a break"); c.Kind != "resync" {
		t.Fatalf("heard %+v, want a resync", c)
	}
	if l.Backend() == pid || !l.Up() {
		t.Fatalf("listening on backend %d (was %d), up %v", l.Backend(), pid, l.Up())
	}
	if err := a.DeleteFlow("welcome"); err != nil {
		t.Fatal(err)
	}
	if c := h.change(t, "a deletion after the reconnection"); c != (Change{Kind: "deleted", Flow: "welcome"}) {
		t.Fatalf("heard %+v", c)
	}
}

// A workspace file has nothing to listen to (one person per file), and its
// saves still work without a transaction of their own.
func TestWorkspaceFileHasNoListener(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "w.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if l := s.Listen(func(Change) { t.Error("a change heard on a file") }, func(bool) {}); l != nil {
		t.Fatal("a listener on a workspace file")
	}
	if _, err := s.SaveFlowOn(flow.New("welcome", "Welcome"), time.Now(), 0, "Marie"); err != nil {
		t.Fatal(err)
	}
}
