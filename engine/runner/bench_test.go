package runner

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/flow"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// benchFlow is a manual-start flow of actions that each journal a step and
// write the contact or the outbox, ending in a 1-day wait.
func benchFlow() *flow.Flow {
	f := flow.New("bench", "Bench")
	f.Settings.Reentry = flow.ReentryAlways
	add := func(id, typ string, cfg map[string]any) {
		f.Nodes = append(f.Nodes, flow.Node{ID: id, Type: typ, Config: cfg})
	}
	add("start", "trigger.manual", nil)
	add("tag", "action.tag_add", map[string]any{"tag": "bench"})
	add("score", "action.score", map[string]any{"points": 5.0})
	add("check", "condition.score", map[string]any{"metric": "score", "operator": "gte", "value": "5"})
	add("email", "action.send_email", map[string]any{"template": "t"})
	add("wait", "wait.delay", map[string]any{"duration": "1d"})
	add("end", "exit", nil)
	for _, e := range [][3]string{{"start", "", "tag"}, {"tag", "", "score"}, {"score", "", "check"}, {"check", "yes", "email"}, {"check", "no", "end"}, {"email", "", "wait"}, {"wait", "", "end"}} {
		f.Edges = append(f.Edges, flow.Edge{From: e[0], Port: e[1], To: e[2]})
	}
	return f
}

func benchStore(b *testing.B, contacts int) (*store.Store, *Runner, *clock.Virtual) {
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.flightplan"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	clk := clock.NewVirtual(t0)
	_, err = st.DB().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<?)
		INSERT INTO contacts(email, created_at, updated_at) SELECT 'c'||i||'@example.com', 0, 0 FROM n`, contacts)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.Publish(benchFlow(), "", t0); err != nil {
		b.Fatal(err)
	}
	return st, New(st, nodes.MustRegistry(), Options{Clock: clk}), clk
}

// BenchmarkSteps: enroll contacts by hand; each journey takes 6 steps
// (journal rows, a tag, a score change with its history and event, an outbox
// row) and parks at a wait. Reports steps/s.
func BenchmarkSteps(b *testing.B) {
	const n = 20000
	st, r, _ := benchStore(b, n)
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	ctx := context.Background()
	b.ResetTimer()
	var steps int
	for i := 0; i < b.N; i++ {
		st.DB().Exec(`DELETE FROM enrollments`)
		start, cpu := time.Now(), cpuTime()
		if _, err := r.Enroll(ctx, "bench", ids); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n*6)/time.Since(start).Seconds(), "steps/s")
		b.ReportMetric(float64(n*6)/(cpuTime()-cpu).Seconds(), "steps/cpu-s")
		steps += n * 6
	}
	var got int
	st.DB().QueryRow(`SELECT count(*) FROM steps`).Scan(&got)
	if got < steps {
		b.Fatalf("%d steps journaled, want %d", got, steps)
	}
}

// BenchmarkWakeups: a million contacts waiting; 50,000 wake-ups are due.
// Reports persisted wake-ups/s and the time from open to ready.
func BenchmarkWakeups(b *testing.B) {
	const waiting, due = 1_000_000, 50_000
	st, r, clk := benchStore(b, waiting)
	// One journey per contact, waiting at "wait" (next: exit); the first
	// `due` wake now.
	_, err := st.DB().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<?)
		INSERT INTO enrollments(flow_id, version, contact_id, run, node, status, wake_at, wait_start, entered_at, updated_at)
		SELECT 'bench', 1, i, 1, 'wait', 'waiting', CASE WHEN i <= ? THEN ? ELSE ? END, ?, ?, ? FROM n`,
		waiting, due, store.MS(t0), store.MS(t0.Add(30*24*time.Hour)), store.MS(t0), store.MS(t0), store.MS(t0))
	if err != nil {
		b.Fatal(err)
	}
	path := st.Path
	st.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st2, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		st2.DB().Exec(`UPDATE enrollments SET status='waiting', node='wait', wake_at=? WHERE id<=?`, store.MS(t0), due)
		b.StartTimer()
		openStart := time.Now()
		st3, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r = New(st3, nodes.MustRegistry(), Options{Clock: clk})
		if _, _, err := r.NextWake(context.Background()); err != nil {
			b.Fatal(err)
		}
		if err := r.refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
		ready := time.Since(openStart)
		start, cpu := time.Now(), cpuTime()
		s, err := r.RunOnce(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if s.Resumed != due {
			b.Fatalf("resumed %d, want %d", s.Resumed, due)
		}
		b.ReportMetric(float64(due)/time.Since(start).Seconds(), "wakeups/s")
		b.ReportMetric(float64(due)/(cpuTime()-cpu).Seconds(), "wakeups/cpu-s")
		b.ReportMetric(ready.Seconds()*1000, "ms-to-ready")
		st3.Close()
		st2.Close()
	}
}

// BenchmarkIntake: events stored in batches of 1,000 (events/s), then
// processed; and the latency from event to first action at 10,000 events/s
// (batches of 100 every 10 ms of arrivals): p99 in ms.
func BenchmarkIntake(b *testing.B) {
	const n = 100_000
	st, r, _ := benchStore(b, 10_000)
	ctx := context.Background()
	// A flow triggered by the event, so each event leads to an action.
	f := flow.New("onvisit", "On visit")
	f.Settings.Reentry = flow.ReentryAlways
	f.Nodes = []flow.Node{{ID: "t", Type: "trigger.event", Config: map[string]any{"event_type": "page_visited"}}, {ID: "tag", Type: "action.tag_add", Config: map[string]any{"tag": "visitor"}}}
	f.Edges = []flow.Edge{{From: "t", To: "tag"}}
	st.Publish(f, "", t0)
	evs := make([]EventInput, n)
	for i := range evs {
		evs[i] = EventInput{ContactID: int64(1 + i%10_000), Type: "custom_ping", Props: map[string]any{"i": i}}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start, cpu := time.Now(), cpuTime()
		for j := 0; j < n; j += 1000 {
			if _, rej, err := r.Ingest(ctx, evs[j:j+1000], "bench"); err != nil || len(rej) > 0 {
				b.Fatal(err, rej)
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "events/s")
		b.ReportMetric(float64(n)/(cpuTime()-cpu).Seconds(), "events/cpu-s")
		b.StopTimer()
		st.DB().Exec(`UPDATE events SET processed=1`)
		b.StartTimer()
	}
	b.StopTimer()
	// Latency: 100 batches of 100 page visits; each batch is one 10 ms slice at 10,000/s.
	var lat []time.Duration
	for k := 0; k < 100; k++ {
		batch := make([]EventInput, 100)
		for j := range batch {
			batch[j] = EventInput{ContactID: int64(1 + (k*100+j)%10_000), Type: "page_visited"}
		}
		start := time.Now()
		if _, _, err := r.Ingest(ctx, batch, "bench"); err != nil {
			b.Fatal(err)
		}
		if _, err := r.RunOnce(ctx); err != nil {
			b.Fatal(err)
		}
		// Every event of the batch waited at most this long for its action.
		lat = append(lat, time.Since(start))
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[98].Microseconds())/1000, "p99-ms")
	var tagged int
	st.DB().QueryRow(`SELECT count(*) FROM steps WHERE node='tag'`).Scan(&tagged)
	if tagged == 0 {
		b.Fatal(fmt.Sprint("no action ran"))
	}
}
