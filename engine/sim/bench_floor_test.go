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
// loop on the same world — the same 100,000 contacts drawn from the same
// personas and seed, the same queue, clock, activity and reactions to the
// same emails, the same 1.17M events handled at the same times — with the
// journey rules replaced by a recording of what they did to the loop (the
// wake-ups and deliveries they scheduled, the messages they queued, the
// events they emitted; engine/sim/tape.go). The recording is made once,
// before the timing. Run100kCounts ÷ this is what the journey rules cost
// (their node executors, Lua conditions and bookkeeping included).
func BenchmarkFloorRun100kCounts(b *testing.B) {
	cfg := benchConfig(b, 100_000, false)
	tape, real, err := sim.RecordTape(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	var res *sim.Result
	cpu := cpuTime()
	for b.Loop() {
		if res, err = sim.ReplayTape(context.Background(), cfg, tape); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	if res.Totals.Events != real.Totals.Events {
		b.Fatalf("the replay handled %d events, the run %d", res.Totals.Events, real.Totals.Events)
	}
	b.ReportMetric(float64(res.Totals.Events), "events")
}

// BenchmarkWorldStartExit100k is the older, looser floor: the same
// synthetic world with no funnel behind the start, so nothing is executed
// but one start and one exit per contact and no email is sent — 0.54M
// events against the funnel's 1.17M, so not the same loop. It shows what
// the world costs with nothing to react to.
func BenchmarkWorldStartExit100k(b *testing.B) {
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

// TestTapeReplaysTheSameWorld: the floor's replay handles the same events
// as the run it recorded, sends the same emails and draws the same
// reactions, and takes no step.
func TestTapeReplaysTheSameWorld(t *testing.T) {
	cfg := benchConfig(t, 2000, false)
	tape, real, err := sim.RecordTape(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.ReplayTape(context.Background(), cfg, tape)
	if err != nil {
		t.Fatal(err)
	}
	if real.Totals.Steps == 0 || real.Totals.EmailsSent == 0 || real.Totals.Opens == 0 {
		t.Fatalf("the recorded run did nothing: %+v", real.Totals)
	}
	r, p := real.Totals, res.Totals
	if p.Events != r.Events || p.EmailsSent != r.EmailsSent || p.Opens != r.Opens || p.Purchases != r.Purchases || p.Bounces != r.Bounces || p.Unsubscribes != r.Unsubscribes {
		t.Errorf("replay %+v\nrun    %+v", p, r)
	}
	if p.Steps != 0 {
		t.Errorf("the replay took %d steps, want none", p.Steps)
	}
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
