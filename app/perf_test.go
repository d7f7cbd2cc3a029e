//go:build probe

package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
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
	t.Setenv("FLIGHTPLAN_PERF_VARIANTS", "edges, ,icons")
	a := newPerf()
	perf := a.st
	if len(perf.flows) != 2 || perf.flows[1] != "bench-1000" || perf.panMs != 3000 || len(perf.variants) != 2 || perf.variants[1] != "icons" {
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

// The CPU time of the app's process tree grows with the work done, and is -1 with the benchmark off.
func TestPerfCPUTime(t *testing.T) {
	t.Setenv("FLIGHTPLAN_PERF_OUT", "")
	if got := newPerf().CPUTime(); got != -1 {
		t.Fatalf("benchmark off: CPUTime = %v, want -1", got)
	}
	t.Setenv("FLIGHTPLAN_PERF_OUT", filepath.Join(t.TempDir(), "perf.json"))
	a := newPerf()
	before := a.CPUTime()
	if runtime.GOOS != "linux" {
		if before != -1 {
			t.Fatalf("off Linux: CPUTime = %v, want -1", before)
		}
		return
	}
	// Busy until the kernel has counted 300 ms of CPU for this process (on
	// a busy machine that takes longer than 300 ms of wall time).
	self := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	start := self()
	for x := 0; self()-start < 300*time.Millisecond; x++ {
	}
	after := a.CPUTime()
	if after-before < 250 {
		t.Fatalf("300 ms of CPU counted as %.0f ms", after-before)
	}
}
