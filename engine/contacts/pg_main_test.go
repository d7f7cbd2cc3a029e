package contacts

import (
	"flightplan/engine/store"
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
