package sim_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"flightplan/engine/flow"
	"flightplan/engine/sim"
)

// floorFlow keeps the benchmark funnel's start (joining the newsletter
// list) and nothing after it: a contact who starts leaves at once.
const floorFlow = `{
  "format": "flightplan.flow/v1", "id": "bench", "name": "Benchmark floor",
  "settings": {"reentry": "once"},
  "nodes": [
    {"id": "start", "type": "trigger.list_joined", "config": {"list": "newsletter"}},
    {"id": "out", "type": "exit"}
  ],
  "edges": [{"from": "start", "to": "out"}]
}`

// BenchmarkFloorRun100kCounts is BenchmarkRun100kCounts' floor: the same
// synthetic world — the same 100,000 contacts drawn from the same personas
// and seed, arriving over the same 30 days and living their own activity
// (page visits) over the same 90 days, every event going through the
// simulator's event loop — with no funnel behind the start, so nothing is
// executed but one start and one exit per contact (and no email, so none
// of the reactions an email draws). Run100kCounts ÷ this is what the
// funnel's own logic costs over the simulator's world.
func BenchmarkFloorRun100kCounts(b *testing.B) {
	f, err := flow.Parse("bench", []byte(floorFlow))
	if err != nil {
		b.Fatal(err)
	}
	cfg := benchConfig(b, 100_000, false)
	cfg.Flows = []*flow.Flow{f}
	var res *sim.Result
	cpu := cpuTime()
	for b.Loop() {
		if res, err = sim.Run(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	if res.Flows[0].Contacts != cfg.N {
		b.Fatalf("%d of %d contacts started", res.Flows[0].Contacts, cfg.N)
	}
	b.ReportMetric(float64(res.Totals.Steps), "steps")
	b.ReportMetric(float64(res.Totals.Events), "events")
}

// cpuTime is the CPU time the process has used, every thread: the
// simulator's workers run on every core, so on a machine others keep busy
// its CPU time moves far less than its wall-clock time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
