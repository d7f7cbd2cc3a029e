package runner

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// A read on the batch's transaction sees every row handed to the
// background writer before it, and a failed write fails the commit.
func TestWriteTxOrdering(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "w.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	tx, err := st.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w := newWriteTx(ctx, tx)
	rb := newRowBuffer("settings", []string{"key", "value"}, "")
	rb.w = w
	for i := range 250 { // two full statements handed over by add, 50 rows left
		rb.add("k"+itoa(int64(i)), "v")
	}
	b := &batch{ctx: ctx, tx: w}
	if err := b.flushBuffer(rb); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := w.QueryRowContext(ctx, `SELECT count(*) FROM settings WHERE key LIKE 'k%'`).Scan(&n); err != nil || n != 250 {
		t.Fatalf("read after queued writes: %d rows, %v; want 250", n, err)
	}
	// A duplicate key: the write fails in the background and Commit says so.
	rb.add("k1", "again")
	b.flushBuffer(rb)
	if err := w.Commit(); err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Fatalf("commit after a failed write: %v; want the constraint error", err)
	}
	if err := st.DB().QueryRow(`SELECT count(*) FROM settings WHERE key LIKE 'k%'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("after the failed commit %d rows are kept; want 0", n)
	}
}

// Re-entry rules hold for a contact listed twice in one manual enrollment:
// the counts kept in memory see the first journey before it is written.
func TestEnrollTwiceInOneBatch(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "e.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	id, err := store.InsertContact(ctx, st.DB(), mustContact("ada@example.com"), t0)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		reentry string
		want    int
	}{{flow.ReentryOnce, 1}, {flow.ReentryAlways, 2}} {
		f := flow.New("f-"+tc.reentry, "F")
		f.Settings.Reentry = tc.reentry
		f.Nodes = []flow.Node{{ID: "start", Type: "trigger.manual"}, {ID: "end", Type: "exit"}}
		f.Edges = []flow.Edge{{From: "start", To: "end"}}
		if _, err := st.Publish(f, "", t0); err != nil {
			t.Fatal(err)
		}
		r := New(st, nodes.MustRegistry(), Options{Clock: clock.NewVirtual(t0)})
		// Every time: the first journey ends at once, so the second may start.
		if _, err := r.Enroll(ctx, f.ID, []int64{id, id}); err != nil {
			t.Fatal(err)
		}
		var n int
		st.DB().QueryRow(`SELECT count(*) FROM enrollments WHERE flow_id=?`, f.ID).Scan(&n)
		if n != tc.want {
			t.Errorf("re-entry %q: %d journeys, want %d", tc.reentry, n, tc.want)
		}
	}
}

func mustContact(email string) *contact.Contact {
	return &contact.Contact{Email: email, Identity: map[string]string{}}
}
