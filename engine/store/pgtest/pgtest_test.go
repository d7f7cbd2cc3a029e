package pgtest_test

import (
	"database/sql"
	"os"
	"strings"
	"testing"

	"flightplan/engine/store/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestDatabase checks that two tests' databases are distinct, empty and
// writable.
func TestDatabase(t *testing.T) {
	a, b := pgtest.Database(t), pgtest.Database(t)
	if a == b {
		t.Fatalf("two databases with one URL %s", a)
	}
	for _, url := range []string{a, b} {
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Exec(`CREATE TABLE x (v int); INSERT INTO x VALUES (1)`); err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM x`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%s: count %d, %v", url, n, err)
		}
	}
}

// Without PostgreSQL the server does not start, and the error says what to
// run (a test using it fails with this message; none skips).
func TestMissingPostgresSaysWhatToRun(t *testing.T) {
	t.Setenv("FLIGHTPLAN_PG_BIN", t.TempDir())
	s, err := pgtest.Start()
	if err == nil {
		s.Stop()
		t.Fatal("a server started without its binaries")
	}
	if !strings.Contains(err.Error(), "make setup-test") {
		t.Fatalf("error %q does not say to run make setup-test", err)
	}
}
