//go:build probe

package app

// The window end-to-end walk (build/window-e2e.sh) drives the real desktop
// window with X input (xdotool) and needs to know where things are on
// screen. With $FLIGHTPLAN_E2E_PROBE set to a folder, the app watches that
// folder for a question (query.json, written by the test), hands it to the
// page (src/probe.ts), and the page's answer — the rectangles and texts of
// the elements asked for — is written to answer.json. It only reads the page:
// every action of the walk is real mouse and keyboard input. Without the
// variable nothing is watched, sent or written. It is only in a build with
// the probe tag (build/window-e2e.sh): the release window has none of it.

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Probe is the window end-to-end walk's bound service.
type Probe struct {
	dir  string    // $FLIGHTPLAN_E2E_PROBE, read once
	once sync.Once // the page may load more than once; one watcher is enough
}

func newProbe() *Probe { return &Probe{dir: os.Getenv("FLIGHTPLAN_E2E_PROBE")} }

// start watches $FLIGHTPLAN_E2E_PROBE/query.json for the life of the
// window and hands each question to the page.
func (p *Probe) start(ctx context.Context) {
	if p.dir == "" {
		return
	}
	query := filepath.Join(p.dir, "query.json")
	p.once.Do(func() { go watchProbe(ctx, query) })
}

func watchProbe(ctx context.Context, query string) {
	for ctx.Err() == nil {
		// Every 5 ms: the walk asks about 800 questions and waits
		// for each (a missing file costs one failed open).
		time.Sleep(5 * time.Millisecond)
		q, err := os.ReadFile(query)
		if err != nil || len(q) == 0 {
			continue
		}
		_ = os.Remove(query)
		runtime.WindowExecJS(ctx, "window.__flightplanProbe&&window.__flightplanProbe("+string(q)+");")
	}
}

// ProbeAnswer writes the page's answer to a question of the window
// end-to-end walk; it does nothing unless $FLIGHTPLAN_E2E_PROBE is set.
func (p *Probe) ProbeAnswer(answer string) error {
	if p.dir == "" {
		return nil
	}
	// Written whole, then renamed: the test never reads half an answer.
	tmp := filepath.Join(p.dir, "answer.json.tmp")
	if err := os.WriteFile(tmp, []byte(answer), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(p.dir, "answer.json"))
}
