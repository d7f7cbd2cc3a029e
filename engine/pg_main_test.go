package engine

import (
	"os"
	"testing"

	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
)

// TestMain stops the throwaway PostgreSQL, if a test started one.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// testWorkspace is a new workspace for a test: a SQLite file, or a
// PostgreSQL database with FLIGHTPLAN_TEST_DB=postgres.
func testWorkspace(t *testing.T) string {
	t.Helper()
	return pgtest.Workspace(t, func(url string) error {
		st, err := store.Open(url)
		if err != nil {
			return err
		}
		return st.Close()
	})
}
