package sim_test

import (
	"context"
	"runtime"
	"sync"
	"testing"
	"time"

	"flightplan/engine/flow"
	"flightplan/engine/sim"
)

// benchFlow is a 20-node funnel with 3 waits and 2 Lua conditions.
const benchFlow = `{
  "format": "flightplan.flow/v1", "id": "bench", "name": "Benchmark funnel",
  "settings": {"reentry": "once"},
  "nodes": [
    {"id": "start", "type": "trigger.list_joined", "config": {"list": "newsletter"}},
    {"id": "welcome", "type": "action.send_email", "config": {"template": "welcome"}},
    {"id": "wait2d", "type": "wait.delay", "config": {"duration": "2d"}},
    {"id": "opened", "type": "condition.email_engagement", "config": {"email_node": "welcome", "engagement": "opened"}},
    {"id": "engaged", "type": "action.tag_add", "config": {"tag": "engaged"}},
    {"id": "points", "type": "action.score", "config": {"points": 5}},
    {"id": "fit", "type": "condition.lua", "config": {"script": "bench_fit"}},
    {"id": "mql", "type": "action.set_stage", "config": {"stage": "mql"}},
    {"id": "offer", "type": "action.send_email", "config": {"template": "offer"}},
    {"id": "nurture", "type": "action.send_email", "config": {"template": "nurture"}},
    {"id": "waitbuy", "type": "wait.event", "config": {"event_type": "purchase", "timeout": "5d"}},
    {"id": "bought", "type": "goal.reached", "config": {"event_type": "purchase"}},
    {"id": "france", "type": "condition.field", "config": {"field": "country", "operator": "equals", "value": "France"}},
    {"id": "warm", "type": "condition.lua", "config": {"script": "bench_warm"}},
    {"id": "reminder", "type": "action.send_email", "config": {"template": "reminder"}},
    {"id": "wait7d", "type": "wait.delay", "config": {"duration": "7d"}},
    {"id": "visited", "type": "condition.behaviour", "config": {"event_type": "page_visited", "window": "since_entry"}},
    {"id": "hot", "type": "action.tag_add", "config": {"tag": "hot"}},
    {"id": "sql", "type": "action.set_stage", "config": {"stage": "sql"}},
    {"id": "out", "type": "exit"}
  ],
  "edges": [
    {"from": "start", "to": "welcome"}, {"from": "welcome", "to": "wait2d"}, {"from": "wait2d", "to": "opened"},
    {"from": "opened", "port": "yes", "to": "engaged"}, {"from": "opened", "port": "no", "to": "points"},
    {"from": "engaged", "to": "fit"}, {"from": "points", "to": "fit"},
    {"from": "fit", "port": "yes", "to": "mql"}, {"from": "fit", "port": "no", "to": "nurture"},
    {"from": "mql", "to": "offer"}, {"from": "offer", "to": "waitbuy"}, {"from": "nurture", "to": "waitbuy"},
    {"from": "waitbuy", "port": "met", "to": "bought"}, {"from": "waitbuy", "port": "timeout", "to": "france"},
    {"from": "france", "port": "yes", "to": "warm"}, {"from": "france", "port": "no", "to": "reminder"},
    {"from": "warm", "port": "yes", "to": "hot"}, {"from": "warm", "port": "no", "to": "reminder"},
    {"from": "reminder", "to": "wait7d"}, {"from": "wait7d", "to": "visited"},
    {"from": "visited", "port": "yes", "to": "hot"}, {"from": "visited", "port": "no", "to": "out"},
    {"from": "hot", "to": "sql"}
  ]
}`

var benchScripts = map[string]string{
	"bench_fit":  `return (contact.fields.company_size or 0) >= 50`,
	"bench_warm": `return contact.score >= 10 or contact:has_tag("engaged")`,
}

func benchAudience() sim.Audience {
	b := sim.Behaviour{OpenRate: 0.35, OpenDelay: sim.D(6 * time.Hour), ClickRate: 0.25, ClickDelay: sim.D(5 * time.Minute),
		UnsubscribeRate: 0.005, BounceRate: 0.01, PurchaseRate: 0.1, PurchaseDelay: sim.D(12 * time.Hour), PurchaseAmount: [2]float64{20, 200},
		PageVisits: sim.Visits{Rate: 0.1, Values: []sim.Weighted{{Value: "https://example.com/pricing", Weight: 1}, {Value: "https://example.com/blog", Weight: 3}}}}
	cold := b
	cold.OpenRate, cold.PageVisits.Rate = 0.12, 0.03
	return sim.Audience{Name: "bench", Personas: []sim.Persona{
		{Name: "engaged", Share: 0.4, Timezones: []sim.Weighted{{Value: "Europe/Paris", Weight: 1}, {Value: "America/Toronto", Weight: 1}},
			Fields: map[string]sim.Distribution{"country": sim.OneOf("France", "Canada", "Belgium"), "company_size": sim.Range(1, 500)}, Score: sim.Range(0, 20), Behaviour: b},
		{Name: "cold", Share: 0.6, Timezones: []sim.Weighted{{Value: "Europe/Paris", Weight: 1}},
			Fields: map[string]sim.Distribution{"country": sim.OneOf("France", "Canada"), "company_size": sim.Range(1, 100)}, Score: sim.Range(0, 10), Behaviour: cold},
	}}
}

func benchConfig(tb testing.TB, n int, journal bool) sim.Config {
	f, err := flow.Parse("bench", []byte(benchFlow))
	if err != nil {
		tb.Fatal(err)
	}
	return sim.Config{Flows: []*flow.Flow{f}, Audience: benchAudience(), N: n, Days: 90, Seed: 7, ArrivalWindow: 30 * 24 * time.Hour,
		Journal: journal, Scripts: sim.NewLua(nil, benchScripts)}
}

// memPeak samples the heap while a run goes on: HeapInuse at its highest
// seen, and the bytes allocated in all.
type memPeak struct {
	stop     chan struct{}
	wg       sync.WaitGroup
	peak     uint64
	startTot uint64
}

func watchMemory() *memPeak {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p := &memPeak{stop: make(chan struct{}), startTot: ms.TotalAlloc, peak: ms.HeapInuse}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				p.peak = max(p.peak, ms.HeapInuse)
			}
		}
	}()
	return p
}

func (p *memPeak) report(b *testing.B, keep *sim.Result) {
	close(p.stop)
	p.wg.Wait()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p.peak = max(p.peak, ms.HeapInuse)
	runtime.KeepAlive(keep)
	b.ReportMetric(float64(p.peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(ms.TotalAlloc-p.startTot)/(1<<20)/float64(b.N), "alloc-MB/op")
}

func benchRun(b *testing.B, n int, journal bool) {
	cfg := benchConfig(b, n, journal)
	ctx := context.Background()
	var res *sim.Result
	mem := watchMemory()
	b.ResetTimer()
	cpu := cpuTime()
	for i := 0; i < b.N; i++ {
		var err error
		if res, err = sim.Run(ctx, cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	mem.report(b, res)
	b.ReportMetric(float64(res.Totals.Steps), "steps")
	b.ReportMetric(float64(res.Totals.Events), "events")
	b.ReportMetric(float64(res.Totals.Steps*b.N)/b.Elapsed().Seconds(), "steps/s")
}

// BenchmarkRun100kCounts: 100,000 contacts through the 20-node funnel over
// 90 days, counts only (target: 0.5 s).
func BenchmarkRun100kCounts(b *testing.B) { benchRun(b, 100_000, false) }

// BenchmarkRun100kJournal keeps every step of every contact (target: 6 s).
func BenchmarkRun100kJournal(b *testing.B) { benchRun(b, 100_000, true) }

// BenchmarkRun1M: a million contacts, counts only (target: 60 s in 1 GB).
func BenchmarkRun1M(b *testing.B) {
	if testing.Short() {
		b.Skip("a million contacts")
	}
	benchRun(b, 1_000_000, false)
}
