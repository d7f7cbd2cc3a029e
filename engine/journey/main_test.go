package journey_test

import (
	"os"
	"testing"

	"flightplan/engine/store/pgtest"
)

// The contract's PostgreSQL world shares one throwaway server.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
