package engine

import (
	"flightplan/engine/runner"
	"flightplan/engine/store"
)

// scriptRunner adapts the Lua sandbox to the runner (nil until wired).
func scriptRunner(st *store.Store) runner.ScriptRunner { return nil }

// segmentChecker adapts saved segments to the runner (nil until wired).
func segmentChecker() runner.SegmentChecker { return nil }
