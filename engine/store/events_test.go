package store

import (
	"context"
	"path/filepath"
	"testing"
)

// The runner's events mark crosses a copy in the target's terms: a file's
// id becomes "the copy's xid:id" on PostgreSQL (every copied event has
// that xid), and back in a file the id below the first event left to
// handle. A mark copied as text would make the runner on PostgreSQL fail
// to read it as "xid:id" or, read as (0, id), handle every event again.
func TestEventsMarkCrossesACopy(t *testing.T) {
	ctx := context.Background()
	file, err := Open(filepath.Join(t.TempDir(), "a.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, q := range []string{
		`INSERT INTO contacts(email, created_at, updated_at) VALUES ('a@example.com', 0, 0)`,
		`INSERT INTO events(contact_id, type, at, received_at) VALUES (1, 'one', 0, 0), (1, 'two', 0, 0), (1, 'three', 0, 0)`,
		`INSERT INTO settings(key, value) VALUES ('events_mark', '2')`,
	} {
		if _, err := file.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	pg, _ := openPGStore(t)
	if _, err := Copy(ctx, file, pg, false); err != nil {
		t.Fatal(err)
	}
	var text string
	var distinct int
	var xid int64
	if err := pg.ReadDB().QueryRow(`SELECT (SELECT value FROM settings WHERE key='events_mark'), count(DISTINCT xid), CAST(CAST(min(xid) AS TEXT) AS BIGINT) FROM events`).Scan(&text, &distinct, &xid); err != nil {
		t.Fatal(err)
	}
	m, err := ParseEventsMark(text)
	if err != nil || distinct != 1 || m != (EventsMark{Xid: xid, ID: 2}) {
		t.Fatalf("mark on PostgreSQL %q (%v), events of %d transactions, theirs %d; want %d:2", text, err, distinct, xid, xid)
	}

	// Back into a file: the mark is below the first event left ("three").
	back, err := Open(filepath.Join(t.TempDir(), "b.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if _, err := Copy(ctx, pg, back, false); err != nil {
		t.Fatal(err)
	}
	if v, err := back.Setting("events_mark"); err != nil || v != "2" {
		t.Fatalf("mark back in a file %q %v, want 2", v, err)
	}
}

func TestParseEventsMark(t *testing.T) {
	for in, want := range map[string]EventsMark{"": {}, "17": {ID: 17}, "905:17": {Xid: 905, ID: 17}} {
		if got, err := ParseEventsMark(in); err != nil || got != want {
			t.Errorf("%q: %v %v, want %v", in, got, err, want)
		}
	}
	if _, err := ParseEventsMark("905:x"); err == nil {
		t.Error(`"905:x" read without an error`)
	}
	if (EventsMark{Xid: 2, ID: 1}).After(EventsMark{Xid: 1, ID: 9}) != true || (EventsMark{Xid: 1, ID: 9}).After(EventsMark{Xid: 2, ID: 1}) {
		t.Error("After is not (xid, id) order")
	}
}
