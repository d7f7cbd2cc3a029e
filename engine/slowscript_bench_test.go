package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/flow"
	"flightplan/engine/runner"
	"flightplan/engine/store"
)

// slowLua keeps the CPU busy for params.ms milliseconds, then says yes: a
// script near its 50 ms deadline.
const slowLua = `local t = os.clock()
while os.clock() - t < params.ms / 1000 do end
return true
`

// BenchmarkSlowScriptNeighbours: 200 contacts go through a Lua condition
// that takes about 40 ms each while, in the same app, one unrelated event
// is stored every 20 ms, and another program (its own connections to the
// same file, as the command line has) imports a small CSV and publishes a
// funnel over and over. Reports the p99 wait of the event intake beside
// the same with nothing running, and how many of the other program's
// writes failed with "database is locked" (want 0).
func BenchmarkSlowScriptNeighbours(b *testing.B) {
	const n = 200
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "ws.flightplan")
		e, err := New(Options{Workspace: path})
		if err != nil {
			b.Fatal(err)
		}
		now := e.Clock.Now()
		e.Store.DB().Exec(`INSERT INTO scripts(name, kind, source, updated_at) VALUES('slow','condition',?,0)`, slowLua)
		f := flow.New("slow", "Slow")
		f.Settings.Reentry = flow.ReentryAlways
		f.Nodes = []flow.Node{
			{ID: "t", Type: "trigger.event", Config: map[string]any{"event_type": "page_visited"}},
			{ID: "rule", Type: "condition.lua", Config: map[string]any{"script": "slow", "params": map[string]any{"ms": 40.0}}},
			{ID: "hot", Type: "action.tag_add", Config: map[string]any{"tag": "hot"}},
		}
		f.Edges = []flow.Edge{{From: "t", To: "rule"}, {From: "rule", Port: "yes", To: "hot"}}
		if _, err := e.Store.Publish(f, "", now); err != nil {
			b.Fatal(err)
		}
		var evs []runner.EventInput
		for k := range n {
			id, err := e.Runner.CreateContact(ctx, &contact.Contact{Email: fmt.Sprintf("c%d@example.com", k)}, nil)
			if err != nil {
				b.Fatal(err)
			}
			evs = append(evs, runner.EventInput{ContactID: id, Type: "page_visited"})
		}
		if _, err := e.Runner.RunOnce(ctx); err != nil { // the sign-ups: nothing slow
			b.Fatal(err)
		}
		if _, _, err := e.Runner.Ingest(ctx, evs, "bench"); err != nil {
			b.Fatal(err)
		}
		other, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()

		// Floor: the same neighbours for 2 s with no journey running.
		idle, _, _, _ := neighbours(ctx, e, other, now, func() <-chan error {
			done := make(chan error, 1)
			time.AfterFunc(2*time.Second, func() { done <- nil })
			return done
		}())
		start := time.Now()
		done := make(chan error, 1)
		go func() {
			_, err := e.Runner.RunOnce(ctx)
			done <- err
		}()
		waits, locked, otherOps, runErr := neighbours(ctx, e, other, now, done)
		took := time.Since(start)
		b.StopTimer()
		if runErr != nil {
			b.Fatal(runErr)
		}
		// A run past the 50 ms deadline stops its journey with an error:
		// every journey ends one way or the other.
		var hot, stopped int
		e.Store.DB().QueryRow(`SELECT count(*) FROM contact_tags WHERE tag='hot'`).Scan(&hot)
		e.Store.DB().QueryRow(`SELECT count(*) FROM enrollments WHERE status='error'`).Scan(&stopped)
		if hot+stopped != n {
			b.Errorf("%d of %d contacts went through the script, %d stopped by an error", hot, n, stopped)
		}
		// p99-ms: the intake's wait while the journeys run; idle-p99-ms:
		// the same with nothing running (the floor, measured in this run).
		b.ReportMetric(p99ms(waits), "p99-ms")
		b.ReportMetric(p99ms(idle), "idle-p99-ms")
		b.ReportMetric(float64(locked), "locked")
		b.Logf("200 journeys in %.1f s (%d past the script deadline); intake: %d events, worst wait %v; other program: %d writes, %d locked",
			took.Seconds(), stopped, len(waits), waits[len(waits)-1].Round(time.Millisecond), otherOps, locked)
		other.Close()
		e.Close()
		b.StartTimer()
	}
}

// neighbours stores one unrelated event every 20 ms in the app and, as
// another program, imports a one-line CSV and publishes a funnel every
// 50 ms, until done; it returns the intake's waits (sorted), how many of
// the other program's writes failed with "database is locked", how many
// it made, and what done delivered (or the intake's error).
func neighbours(ctx context.Context, e *Engine, other *store.Store, now time.Time, done <-chan error) ([]time.Duration, int, int, error) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var locked, ops int
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			mu.Lock()
			k := ops
			mu.Unlock()
			_, err1 := contacts.Import(ctx, other, strings.NewReader(fmt.Sprintf("email\nimport%d@example.com\n", k)), contacts.ImportOptions{Quiet: true})
			_, err2 := other.Publish(flow.New(fmt.Sprintf("other%d", k), "Other"), "", now)
			mu.Lock()
			ops += 2
			for _, err := range []error{err1, err2} {
				if err != nil && strings.Contains(err.Error(), "locked") {
					locked++
				}
			}
			mu.Unlock()
		}
	}()
	var waits []time.Duration
	var res error
loop:
	for {
		select {
		case res = <-done:
			break loop
		case <-time.After(20 * time.Millisecond):
		}
		t := time.Now()
		if _, _, err := e.Runner.Ingest(ctx, []runner.EventInput{{ContactID: 1, Type: "ping"}}, "bench"); err != nil {
			res = fmt.Errorf("ingest: %w", err)
			break
		}
		waits = append(waits, time.Since(t))
	}
	close(stop)
	wg.Wait()
	sort.Slice(waits, func(i, j int) bool { return waits[i] < waits[j] })
	return waits, locked, ops, res
}

func p99ms(ds []time.Duration) float64 {
	if len(ds) == 0 {
		return 0
	}
	return float64(ds[len(ds)*99/100].Microseconds()) / 1000
}
