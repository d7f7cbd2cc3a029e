package contacts

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
)

// now is the tests' present: a Monday morning.
var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

var bg = context.Background()

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(pgtest.Workspace(t, migrateWorkspace))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func fixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func mustContact(t testing.TB, st *store.Store, email string) *contact.Contact {
	t.Helper()
	id, err := store.ContactIDByEmail(bg, st.DB(), email)
	if err != nil {
		t.Fatal(err)
	}
	c, err := store.LoadContact(bg, st.DB(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func countRows(t testing.TB, st *store.Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func wantErr(t testing.TB, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Fatalf("error %q does not contain %q", err, p)
		}
	}
}

type testContact struct{ contact.Contact }

func contactWithEmail(e string) *testContact {
	return &testContact{contact.Contact{Email: e, Identity: map[string]string{}}}
}
