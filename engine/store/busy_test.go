package store

import (
	"path/filepath"
	"testing"
	"time"

	"flightplan/engine/flow"
)

// Every connection that writes waits for the write lock (busy timeout)
// instead of failing with "database is locked": the app's, and those of a
// second program on the same file (the command line's import or publish).
func TestWritersWaitForTheLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.flightplan")
	app, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	cli, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	for name, s := range map[string]*Store{"app": app, "second program": cli} {
		var ms int
		if err := s.DB().QueryRow(`PRAGMA busy_timeout`).Scan(&ms); err != nil || ms < 5000 {
			t.Errorf("%s: writer busy_timeout %d ms (%v), want at least 5000", name, ms, err)
		}
	}
	// The app holds the write lock a moment; the other program's publish
	// waits for it and succeeds.
	tx, err := app.DB().Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO settings(key, value) VALUES('held', '1')`); err != nil {
		t.Fatal(err)
	}
	released := make(chan error, 1)
	time.AfterFunc(200*time.Millisecond, func() { released <- tx.Commit() })
	if _, err := cli.Publish(flow.New("other", "Other"), "", time.Now()); err != nil {
		t.Fatalf("publish beside a held write lock: %v", err)
	}
	if err := <-released; err != nil {
		t.Fatal(err)
	}
}
