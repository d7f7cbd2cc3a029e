//go:build probe

package app

// The window benchmark (build/window-bench.sh): the page measures itself in
// the real desktop window and reports to Go through the bound methods below,
// which write the figures to $FLIGHTPLAN_PERF_OUT. Without that variable
// every method returns at once, nothing is sent to the page and no file is
// written. It is only in a build with the probe tag (build/window-bench.sh):
// the release window has none of it.
//
//	FLIGHTPLAN_PERF_OUT=FILE     turn the benchmark on; the figures go to FILE (JSON)
//	FLIGHTPLAN_PERF_QUIT=1       quit the app once the page is done
//	FLIGHTPLAN_PERF_FLOWS=a,b    funnels the page opens and pans, one after the other
//	FLIGHTPLAN_PERF_PAN_MS=3000  how long each funnel is panned
//	FLIGHTPLAN_PERF_VARIANTS=a,b the product panned again with a part of it left out (src/perf.ts)

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// PerfResult is what $FLIGHTPLAN_PERF_OUT holds.
type PerfResult struct {
	// StartSource says where the origin of Marks comes from: "proc" (the
	// kernel's start time of the process, 10 ms resolution) or "main" (when
	// main began).
	StartSource string `json:"start_source"`
	// Marks are moments, in ms after the process started: "main" (main
	// began), "engine_ready" (the workspace is open), "dom_ready" (Go heard the page loaded), "shell_painted" (first
	// frame with the app shell), "window_ready" (first frame with the shell,
	// the catalogue and the funnel list loaded: the user can act).
	Marks map[string]float64 `json:"marks_ms"`
	// Figures are measured values, named by the page: "flow.ID.open_ms",
	// "flow.ID.pan_fps", ...
	Figures map[string]float64 `json:"figures"`
	// Problem is set when the page could not finish its plan.
	Problem string `json:"problem,omitempty"`
	Done    bool   `json:"done"`
}

type perfState struct {
	mu       sync.Mutex
	out      string
	quit     bool
	flows    []string
	variants []string
	panMs    int
	ctx      context.Context
	mainAt   time.Time // when main began (MarkStart)
	startAt  time.Time // when the process started
	source   string
	res      PerfResult
}

// Perf is the window benchmark's bound service; its state is nil unless
// $FLIGHTPLAN_PERF_OUT is set.
type Perf struct{ st *perfState }

func newPerf() *Perf { return &Perf{st: newPerfState()} }

func newPerfState() *perfState {
	out := os.Getenv("FLIGHTPLAN_PERF_OUT")
	if out == "" {
		return nil
	}
	p := &perfState{out: out, quit: os.Getenv("FLIGHTPLAN_PERF_QUIT") == "1", panMs: 3000}
	for _, id := range strings.Split(os.Getenv("FLIGHTPLAN_PERF_FLOWS"), ",") {
		if id = strings.TrimSpace(id); id != "" {
			p.flows = append(p.flows, id)
		}
	}
	for _, v := range strings.Split(os.Getenv("FLIGHTPLAN_PERF_VARIANTS"), ",") {
		if v = strings.TrimSpace(v); v != "" {
			p.variants = append(p.variants, v)
		}
	}
	if ms, err := strconv.Atoi(os.Getenv("FLIGHTPLAN_PERF_PAN_MS")); err == nil && ms > 0 {
		p.panMs = ms
	}
	p.res = PerfResult{Marks: map[string]float64{}, Figures: map[string]float64{}}
	return p
}

// markStart records when main began (call it once the engine is open: that
// moment is kept too); the window benchmark counts from the
// process's start (or from this moment where the kernel's is unknown).
func (p *Perf) markStart(t time.Time) {
	perf := p.st
	if perf == nil {
		return
	}
	perf.mu.Lock()
	defer perf.mu.Unlock()
	perf.mainAt = t
	perf.startAt, perf.source = t, "main"
	if at, ok := processStart(); ok && !at.After(t) && t.Sub(at) < time.Minute {
		perf.startAt, perf.source = at, "proc"
	}
	perf.res.StartSource = perf.source
	perf.res.Marks["main"] = ms(t.Sub(perf.startAt))
	// Called right after the engine opened the workspace.
	perf.res.Marks["engine_ready"] = ms(time.Since(perf.startAt))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// domReady is the window's OnDomReady: with the benchmark on, it hands
// the page its plan (the page then measures and reports back).
func (p *Perf) domReady(ctx context.Context) {
	perf := p.st
	if perf == nil {
		return
	}
	perf.mu.Lock()
	perf.ctx = ctx
	if perf.startAt.IsZero() {
		perf.startAt, perf.source = time.Now(), "dom_ready"
		perf.res.StartSource = perf.source
	}
	perf.res.Marks["dom_ready"] = ms(time.Since(perf.startAt))
	plan, _ := json.Marshal(map[string]any{"flows": perf.flows, "panMs": perf.panMs, "variants": perf.variants})
	perf.mu.Unlock()
	// ExecJS waits for the main thread, which may be the one calling us.
	go runtime.WindowExecJS(ctx, "window.__flightplanPerfPlan="+string(plan)+";window.__flightplanPerf&&window.__flightplanPerf();")
}

// ReportMark records a moment the page saw, as its wall-clock time in ms
// since the Unix epoch (Date.now()); it is kept as ms after process start.
func (p *Perf) ReportMark(name string, unixMs float64) {
	perf := p.st
	if perf == nil {
		return
	}
	perf.mu.Lock()
	defer perf.mu.Unlock()
	at := time.UnixMicro(int64(unixMs * 1000))
	perf.res.Marks[name] = ms(at.Sub(perf.startAt))
}

// ReportTiming records a figure the page measured (ms, fps, a count).
func (p *Perf) ReportTiming(name string, value float64) {
	perf := p.st
	if perf == nil {
		return
	}
	perf.mu.Lock()
	defer perf.mu.Unlock()
	perf.res.Figures[name] = value
}

// CPUTime is the CPU time, in ms, used so far by the app and the processes
// it started (WebKit runs and draws the page in its own): the page takes it
// before and after a measured motion, for the CPU each frame cost — a
// figure that, unlike frames per second, holds on a machine others keep
// busy. It is -1 where unknown (off Linux, or with the benchmark off).
func (p *Perf) CPUTime() float64 {
	if p.st == nil {
		return -1
	}
	d, ok := treeCPU()
	if !ok {
		return -1
	}
	return ms(d)
}

// PerfDone writes the figures (with the page's problem, if any) and quits
// when $FLIGHTPLAN_PERF_QUIT=1.
func (p *Perf) PerfDone(problem string) error {
	perf := p.st
	if perf == nil {
		return nil
	}
	perf.mu.Lock()
	perf.res.Problem = problem
	perf.res.Done = true
	data, err := json.MarshalIndent(perf.res, "", "  ")
	ctx, quit := perf.ctx, perf.quit
	perf.mu.Unlock()
	if err != nil {
		return err
	}
	// Written whole, then renamed: a script polling for the file never reads half of it.
	tmp := perf.out + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, perf.out); err != nil {
		return err
	}
	if quit && ctx != nil {
		go func() {
			time.Sleep(100 * time.Millisecond) // let this call answer first
			runtime.Quit(ctx)
		}()
	}
	return nil
}
