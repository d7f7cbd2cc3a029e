package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"flightplan/engine/flow"
)

// Each name a user can type opens exactly the file of that name: '#', '?'
// and '%' are not URI syntax, and two names never share one file.
func TestWorkspaceNamesAreLiteral(t *testing.T) {
	dir := t.TempDir()
	names := []string{"Client #1", "Client #2", "x?mode=memory", "a%41b", "with spaces.flightplan",
		"Clientèle été ☀.flightplan", "semi;colon&amp=1", "#", "%", ":memory:", "file:x", "a\\b"}
	for _, n := range names {
		s, err := Open(filepath.Join(dir, n))
		if err != nil {
			t.Fatalf("%q: %v", n, err)
		}
		if err := s.SaveFlow(flow.New("only-in-this-file", n), time.Now()); err != nil {
			t.Fatalf("%q: %v", n, err)
		}
		if list, _ := s.ListFlows(); len(list) != 1 {
			t.Fatalf("%q: %d flows before reopening, want 1 (another name's file was opened)", n, len(list))
		}
		s.Close()
	}
	for _, n := range names {
		path := filepath.Join(dir, n)
		st, err := os.Stat(path)
		if err != nil || st.Size() == 0 {
			t.Fatalf("%q: the file of that name was not written (%v)", n, err)
		}
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.ListFlows()
		s.Close()
		if err != nil || len(list) != 1 || list[0].Name != n {
			t.Errorf("%q: flows %+v %v, want the one saved under this name", n, list, err)
		}
	}
	for _, stray := range []string{"Client ", "x", "aAb"} {
		if _, err := os.Stat(filepath.Join(dir, stray)); err == nil {
			t.Errorf("a file %q was created", stray)
		}
	}
}

// A workspace holds contacts and secrets: its file, log and shared-memory
// files are the owner's only, and a folder it creates is too.
func TestWorkspaceFilesArePrivate(t *testing.T) {
	old := umask(0o022)
	defer umask(old)
	dir := filepath.Join(t.TempDir(), "new", "folder")
	path := filepath.Join(dir, "ws.flightplan")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting("probe", "x"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want -rw-------", filepath.Base(p), st.Mode().Perm())
		}
	}
	for _, d := range []string{dir, filepath.Dir(dir)} {
		st, _ := os.Stat(d)
		if st.Mode().Perm() != 0o700 {
			t.Errorf("folder %s: mode %v, want drwx------", d, st.Mode().Perm())
		}
	}
	s.Close()

	// An existing workspace created readable by everyone is made private.
	os.Chmod(path, 0o644)
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("reopened 0644 workspace: mode %v, want -rw-------", st.Mode().Perm())
	}
}

// A new flow's id is checked where it is created; a flow stored under an
// older, looser id still saves and publishes.
func TestFlowIDsAreChecked(t *testing.T) {
	s, _ := open(t)
	for _, id := range []string{"../../etc/passwd", "a/b", ".x", ""} {
		if err := s.SaveFlow(flow.New(id, "X"), time.Now()); err == nil {
			t.Errorf("SaveFlow(%q) accepted", id)
		}
		if _, err := s.Publish(flow.New(id, "X"), "", time.Now()); err == nil {
			t.Errorf("Publish(%q) accepted", id)
		}
	}
	if list, _ := s.ListFlows(); len(list) != 0 {
		t.Fatalf("flows stored: %+v", list)
	}
	s.PutRawFlow("Old Id", "Old", `{"format":"flightplan.flow/v1","id":"Old Id","name":"Old","nodes":[],"edges":[]}`, time.Now())
	if err := s.SaveFlow(flow.New("Old Id", "Old"), time.Now()); err != nil {
		t.Errorf("existing flow with an old id: %v", err)
	}
	if _, err := s.Publish(flow.New("Old Id", "Old"), "", time.Now()); err != nil {
		t.Errorf("publishing an existing flow with an old id: %v", err)
	}
}
