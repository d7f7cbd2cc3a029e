//go:build probe

package app

import (
	"context"
	"time"
)

// hooks are the window benchmark (app/perf.go) and the end-to-end walk's
// probe (app/probe.go), bound only in a build with the probe tag.
type hooks struct {
	perf  *Perf
	probe *Probe
}

func newHooks() hooks { return hooks{perf: newPerf(), probe: newProbe()} }

func (h hooks) services() []any { return []any{h.perf, h.probe} }

func (h hooks) domReady(ctx context.Context) {
	h.probe.start(ctx)
	h.perf.domReady(ctx)
}

func (h hooks) markStart(t time.Time) { h.perf.markStart(t) }
