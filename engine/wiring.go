package engine

import (
	"flightplan/engine/runner"
)


// segmentChecker adapts saved segments to the runner (nil until wired).
func segmentChecker() runner.SegmentChecker { return nil }
