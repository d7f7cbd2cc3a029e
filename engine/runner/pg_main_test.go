package runner

import (
	"os"
	"testing"

	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
)

// migrateWorkspace sets up the PostgreSQL template the tests copy when
// they run with FLIGHTPLAN_TEST_DB=postgres (see pgtest.Workspace).
func migrateWorkspace(url string) error {
	st, err := store.Open(url)
	if err != nil {
		return err
	}
	return st.Close()
}

// TestMain stops the throwaway PostgreSQL, if a test started one.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
