//go:build probe && !linux

package app

import "time"

// processStart is unknown here: the window benchmark counts from main.
func processStart() (time.Time, bool) { return time.Time{}, false }

// treeCPU is unknown here: the window benchmark reports frame rates only.
func treeCPU() (time.Duration, bool) { return 0, false }
