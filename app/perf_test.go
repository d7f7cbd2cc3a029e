//go:build probe

package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Without $FLIGHTPLAN_PERF_OUT the bound methods do nothing.
func TestPerfIsInertWithoutItsVariable(t *testing.T) {
	t.Setenv("FLIGHTPLAN_PERF_OUT", "")
	a := newPerf()
	a.markStart(time.Now())
	a.ReportMark("window_ready", float64(time.Now().UnixMilli()))
	a.ReportTiming("flow.x.pan_fps", 60)
	if err := a.PerfDone(""); err != nil || a.st != nil {
		t.Fatalf("perf should stay off: %v", err)
	}
}

func TestPerfWritesItsFigures(t *testing.T) {
	out := filepath.Join(t.TempDir(), "perf.json")
	t.Setenv("FLIGHTPLAN_PERF_OUT", out)
	t.Setenv("FLIGHTPLAN_PERF_FLOWS", "bench-200, bench-1000")
	a := newPerf()
	perf := a.st
	if len(perf.flows) != 2 || perf.flows[1] != "bench-1000" || perf.panMs != 3000 {
		t.Fatalf("plan: %+v", perf)
	}
	main := time.Now()
	a.markStart(main)
	a.ReportMark("window_ready", float64(main.Add(700*time.Millisecond).UnixMicro())/1000)
	a.ReportTiming("flow.bench-200.pan_fps", 58.5)
	if err := a.PerfDone(""); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var res PerfResult
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	// From the process's start: at least the 700 ms after main.
	if got := res.Marks["window_ready"] - res.Marks["main"]; got < 699 || got > 701 {
		t.Errorf("window_ready - main = %v ms, want 700: %+v", got, res)
	}
	if !res.Done || res.Figures["flow.bench-200.pan_fps"] != 58.5 {
		t.Errorf("%+v", res)
	}
}

func TestProcessStartIsBeforeNow(t *testing.T) {
	at, ok := processStart()
	if !ok {
		t.Skip("no /proc start time here")
	}
	if age := time.Since(at); age < 0 || age > 10*time.Minute {
		t.Errorf("process started %v ago", age)
	}
}
