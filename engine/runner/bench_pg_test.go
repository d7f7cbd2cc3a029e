package runner

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"flightplan/engine/clock"
	"flightplan/engine/nodes"
	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
)

// The PostgreSQL benchmarks: the engine's steps and wake-ups on a
// PostgreSQL workspace (one process), each beside its floor — the same
// rows written straight through pgx (its own connection, $n placeholders,
// cached prepared statements), in the same 100-row statements and
// 1,000-journey transactions — on the same throwaway server (durability
// off: fsync and synchronous commit, for both). Figures are wall-clock:
// most of the work happens in the server's process, which cpuTime does not
// see.

// pgBenchStore is a PostgreSQL workspace holding n contacts and the bench
// flow, as benchStore.
func pgBenchStore(b *testing.B, contacts int) (*store.Store, *Runner, *clock.Virtual, string) {
	return pgBenchStoreURL(b, contacts, "")
}

// pgBenchStoreURL is pgBenchStore with query parameters added to the
// workspace URL (a pgx mode).
func pgBenchStoreURL(b *testing.B, contacts int, params string) (*store.Store, *Runner, *clock.Virtual, string) {
	url := pgtest.Database(b) + params
	st, err := store.Open(url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if _, err := st.DB().Exec(`INSERT INTO contacts(email, created_at, updated_at) SELECT 'c'||i||'@example.com', 0, 0 FROM generate_series(1, CAST(? AS BIGINT)) AS g(i)`, contacts); err != nil {
		b.Fatal(err)
	}
	if _, err := st.Publish(benchFlow(), "", t0); err != nil {
		b.Fatal(err)
	}
	st.DB().Exec(`ANALYZE`)
	clk := clock.NewVirtual(t0)
	return st, New(st, nodes.MustRegistry(), Options{Clock: clk}), clk, url
}

// BenchmarkPGSteps is BenchmarkSteps on PostgreSQL: 20,000 journeys of 6
// steps each. Reports steps/s.
func BenchmarkPGSteps(b *testing.B) { benchPGSteps(b, "") }

// BenchmarkPGStepsUncached is BenchmarkPGSteps with every statement parsed
// each time it runs (pgx's "exec" mode, as a PgBouncer in transaction
// mode needs): what the statement cache gains.
func BenchmarkPGStepsUncached(b *testing.B) { benchPGSteps(b, "&default_query_exec_mode=exec") }

func benchPGSteps(b *testing.B, params string) {
	const n = 20000
	st, r, _, _ := pgBenchStoreURL(b, n, params)
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, t := range []string{"steps", "contact_tags", "events", "score_history", "outbox", "enrollments", "step_counts", "node_visits"} {
			st.DB().Exec(`DELETE FROM ` + t)
		}
		b.StartTimer()
		start := time.Now()
		if _, err := r.Enroll(ctx, "bench", ids); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n*6)/time.Since(start).Seconds(), "steps/s")
	}
	b.StopTimer()
	var got int
	st.DB().QueryRow(`SELECT count(*) FROM steps`).Scan(&got)
	if got != n*6 {
		b.Fatalf("%d steps journaled, want %d", got, n*6)
	}
}

// pgRows is floorRows through pgx (pgtest.Rows: 100 rows to a statement),
// failing the benchmark on an error.
type pgRows struct{ *pgtest.Rows }

func newPGRows(table string, cols []string, tail string) *pgRows {
	return &pgRows{pgtest.NewRows(table, cols, tail)}
}

func (f *pgRows) add(b *testing.B, tx pgx.Tx, vals ...any) {
	if err := f.Add(context.Background(), tx, vals...); err != nil {
		b.Fatal(err)
	}
}

func (f *pgRows) flush(b *testing.B, tx pgx.Tx) {
	if err := f.Flush(context.Background(), tx); err != nil {
		b.Fatal(err)
	}
}

func pgConnect(b *testing.B, url string) *pgx.Conn {
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// BenchmarkFloorPGSteps is BenchmarkPGSteps' floor: BenchmarkFloorSteps'
// rows, through pgx.
func BenchmarkFloorPGSteps(b *testing.B) {
	const n, perStep, perTx = 20000, 6, 1000
	_, _, _, url := pgBenchStore(b, n)
	conn := pgConnect(b, url)
	ctx := context.Background()
	now := store.MS(floorT0)
	nodesOf := []string{"start", "tag", "score", "check", "email", "wait"}
	tagEvent := `{"flow":"bench","tag":"bench"}`
	scoreEvent := `{"cause":"bench","delta":5,"new":5,"old":0,"old_temperature":"cold","temperature":"cold"}`
	payload := `{"template":"t","flow":"bench","node":"email","marketing":true}`
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, t := range []string{"steps", "contact_tags", "events", "score_history", "outbox", "enrollments", "step_counts", "node_visits"} {
			if _, err := conn.Exec(ctx, `DELETE FROM `+t); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start := time.Now()
		for first := int64(1); first <= n; first += perTx {
			tx, err := conn.Begin(ctx)
			if err != nil {
				b.Fatal(err)
			}
			tags := newPGRows("contact_tags", []string{"contact_id", "tag", "added_at"}, "ON CONFLICT DO NOTHING")
			events := newPGRows("events", []string{"contact_id", "type", "props", "at", "received_at", "source"}, "")
			scores := newPGRows("score_history", []string{"contact_id", "delta", "score", "cause", "at"}, "")
			outbox := newPGRows("outbox", []string{"key", "kind", "contact_id", "enrollment_id", "node", "payload", "next_at", "created_at"}, "ON CONFLICT(key) DO NOTHING")
			journal := newPGRows("steps", []string{"enrollment_id", "flow_id", "version", "contact_id", "node", "port", "reason", "outcome", "at"}, "")
			journeys := newPGRows("enrollments", []string{"id", "flow_id", "version", "contact_id", "run", "node", "status", "wake_at", "wait_event", "wait_filter", "wait_start", "event_id", "entered_at", "updated_at", "seq", "error"},
				`ON CONFLICT(id) DO UPDATE SET node=excluded.node, status=excluded.status, wake_at=excluded.wake_at, updated_at=excluded.updated_at, seq=excluded.seq`)
			contactScores := &pgRows{pgtest.NewScoreRows()}
			for id := first; id < first+perTx; id++ {
				tags.add(b, tx, id, "bench", now)
				events.add(b, tx, id, "tag_added", tagEvent, now, now, "engine")
				scores.add(b, tx, id, 5.0, 5.0, "bench", now)
				events.add(b, tx, id, "score_changed", scoreEvent, now, now, "engine")
				outbox.add(b, tx, fmt.Sprintf("%d/email/5", id), "email", id, id, "email", payload, now, now)
				for k, node := range nodesOf {
					outcome := map[bool]string{true: "wait", false: "ok"}[k == perStep-1]
					journal.add(b, tx, id, "bench", int64(1), id, node, "", "step "+node, outcome, now)
				}
				journeys.add(b, tx, id, "bench", int64(1), id, int64(1), "wait", "waiting", now+86_400_000, nil, nil, nil, nil, now, now, int64(perStep), "")
				contactScores.add(b, tx, id, 5.0, "cold", now)
			}
			for _, f := range []*pgRows{tags, events, scores, outbox, journal, journeys, contactScores} {
				f.flush(b, tx)
			}
			counts := newPGRows("step_counts", []string{"flow_id", "node", "port", "outcome", "n"}, "ON CONFLICT(flow_id, node, port, outcome) DO UPDATE SET n = step_counts.n + excluded.n")
			visits := newPGRows("node_visits", []string{"flow_id", "node", "n"}, "ON CONFLICT(flow_id, node) DO UPDATE SET n = node_visits.n + excluded.n")
			for _, node := range nodesOf {
				counts.add(b, tx, "bench", node, "", "ok", int64(perTx))
				visits.add(b, tx, "bench", node, int64(perTx))
			}
			counts.flush(b, tx)
			visits.flush(b, tx)
			if err := tx.Commit(ctx); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*perStep)/time.Since(start).Seconds(), "steps/s")
	}
	b.StopTimer()
	var got int
	conn.QueryRow(ctx, `SELECT count(*) FROM steps`).Scan(&got)
	if got != n*perStep {
		b.Fatalf("%d journal rows, want %d", got, n*perStep)
	}
}

// The PostgreSQL wake-up benchmarks wait fewer journeys than the SQLite
// ones (a million): seeding them takes minutes on a busy machine.
const pgWaiting, pgDue = 200_000, 20_000

// pgWakeStore seeds pgWaiting journeys at the bench flow's wait, the first
// pgDue due now.
func pgWakeStore(b *testing.B) (*store.Store, *clock.Virtual, string) {
	st, _, clk, url := pgBenchStore(b, pgWaiting)
	now, later := store.MS(t0), store.MS(t0.Add(30*24*time.Hour))
	if _, err := st.DB().Exec(`INSERT INTO enrollments(flow_id, version, contact_id, run, node, status, wake_at, wait_start, entered_at, updated_at)
		SELECT 'bench', 1, i, 1, 'wait', 'waiting', CASE WHEN i <= CAST(? AS BIGINT) THEN CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)
		FROM generate_series(1, CAST(? AS BIGINT)) AS g(i)`, pgDue, now, later, now, now, now, pgWaiting); err != nil {
		b.Fatal(err)
	}
	st.DB().Exec(`ANALYZE`)
	return st, clk, url
}

// BenchmarkPGWakeups is BenchmarkWakeups on PostgreSQL: 20,000 of 200,000
// waiting journeys are due; each wakes, takes its 2 steps and ends.
// Reports wakeups/s.
func BenchmarkPGWakeups(b *testing.B) {
	st, clk, _ := pgWakeStore(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st.DB().Exec(`UPDATE enrollments SET status='waiting', node='wait', wake_at=?, seq=0 WHERE id<=?`, store.MS(t0), pgDue)
		r := New(st, nodes.MustRegistry(), Options{Clock: clk})
		b.StartTimer()
		start := time.Now()
		s, err := r.RunOnce(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if s.Resumed != pgDue {
			b.Fatalf("resumed %d, want %d", s.Resumed, pgDue)
		}
		b.ReportMetric(float64(pgDue)/time.Since(start).Seconds(), "wakeups/s")
	}
}

// BenchmarkFloorPGWakeups is BenchmarkPGWakeups' floor: BenchmarkFloorWakeups'
// selects, updates and journal rows, through pgx.
func BenchmarkFloorPGWakeups(b *testing.B) {
	_, _, url := pgWakeStore(b)
	conn := pgConnect(b, url)
	ctx := context.Background()
	now := store.MS(t0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := conn.Exec(ctx, `UPDATE enrollments SET status='waiting', node='wait', wake_at=$1, seq=0 WHERE id<=$2`, now, pgDue); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		b.ReportMetric(pgWakeFloor(b, conn, now, true), "wakeups/s")
		b.StopTimer()
	}
}

// pgWakeFloor wakes the due journeys raw, as the engine's batches do:
// 1,000 claimed to a transaction (FOR UPDATE SKIP LOCKED, the engine's
// claim), each journaled (2 steps) and ended, with the funnel's running
// totals when told. Returns wake-ups/s.
func pgWakeFloor(b *testing.B, conn *pgx.Conn, now int64, totals bool) float64 {
	const perTx = 1000
	ctx := context.Background()
	start := time.Now()
	woke := 0
	for {
		tx, err := conn.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		got, err := pgtest.ClaimDue(ctx, tx, now, perTx)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) == 0 {
			tx.Rollback(ctx)
			break
		}
		journal := newPGRows("steps", []string{"enrollment_id", "flow_id", "version", "contact_id", "node", "port", "code", "params", "outcome", "at"}, "")
		journeys := newPGRows("enrollments", []string{"id", "flow_id", "version", "contact_id", "run", "node", "status", "wake_at", "wait_event", "wait_filter", "wait_start", "event_id", "entered_at", "updated_at", "seq", "error"},
			`ON CONFLICT(id) DO UPDATE SET node=excluded.node, status=excluded.status, wake_at=excluded.wake_at, updated_at=excluded.updated_at, seq=excluded.seq`)
		for _, r := range got {
			journal.add(b, tx, r.ID, "bench", int64(1), r.Contact, "wait", "", "waited", "{}", "ok", now)
			journal.add(b, tx, r.ID, "bench", int64(1), r.Contact, "end", "", "left", "{}", "end", now)
			journeys.add(b, tx, r.ID, "bench", int64(1), r.Contact, int64(1), "end", "done", nil, nil, nil, nil, int64(0), now, now, r.Seq+2, "")
		}
		journal.flush(b, tx)
		journeys.flush(b, tx)
		if totals {
			counts := newPGRows("step_counts", []string{"flow_id", "node", "port", "outcome", "n"}, "ON CONFLICT(flow_id, node, port, outcome) DO UPDATE SET n = step_counts.n + excluded.n")
			counts.add(b, tx, "bench", "wait", "", "ok", int64(len(got)))
			counts.add(b, tx, "bench", "end", "", "end", int64(len(got)))
			counts.flush(b, tx)
			visits := newPGRows("node_visits", []string{"flow_id", "node", "n"}, "ON CONFLICT(flow_id, node) DO UPDATE SET n = node_visits.n + excluded.n")
			visits.add(b, tx, "bench", "end", int64(len(got)))
			visits.flush(b, tx)
		}
		if err := tx.Commit(ctx); err != nil {
			b.Fatal(err)
		}
		woke += len(got)
	}
	if woke != pgDue {
		b.Fatalf("woke %d, want %d", woke, pgDue)
	}
	return float64(pgDue) / time.Since(start).Seconds()
}

// BenchmarkPGWakeupsTwoEngines is BenchmarkPGWakeups with two engines on
// the same workspace at once (two stores, two runners, as two processes
// would have): their batches claim disjoint journeys. Reports the pair's
// wakeups/s, to read beside BenchmarkPGWakeups (one engine) and
// BenchmarkFloorPGWakeups, measured in the same run.
func BenchmarkPGWakeupsTwoEngines(b *testing.B) {
	st, clk, url := pgWakeStore(b)
	st2, err := store.Open(url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st2.Close() })
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st.DB().Exec(`UPDATE enrollments SET status='waiting', node='wait', wake_at=?, seq=0 WHERE id<=?`, store.MS(t0), pgDue)
		runners := []*Runner{New(st, nodes.MustRegistry(), Options{Clock: clk}), New(st2, nodes.MustRegistry(), Options{Clock: clk})}
		b.StartTimer()
		start := time.Now()
		resumed := make(chan int, 2)
		errs := make(chan error, 2)
		for _, r := range runners {
			go func() {
				s, err := r.RunOnce(ctx)
				resumed <- s.Resumed
				errs <- err
			}()
		}
		total := 0
		for range runners {
			total += <-resumed
			if err := <-errs; err != nil {
				b.Fatal(err)
			}
		}
		if total != pgDue {
			b.Fatalf("resumed %d in all, want %d", total, pgDue)
		}
		b.ReportMetric(float64(pgDue)/time.Since(start).Seconds(), "wakeups/s")
	}
}

// BenchmarkPGEvents: one engine handles 40,000 events on PostgreSQL — a
// tag and points for each of 20,000 contacts, as the scaling benchmark's
// steps record them, starting no journey — beside a floor that reads the
// same events raw in the same order above a mark (the horizon, then 1,000
// events to a transaction), with their contacts and their open journeys
// (locked, 100 contacts to a query), and moves the mark. Handling events
// is the part engines take in turn (one batch at a time across engines):
// its rate is where a workspace's event-recording steps stop scaling.
// Reports events/s.
func BenchmarkPGEvents(b *testing.B) {
	const n, perTx, chunk = 20000, 1000, 100
	st, r, _, url := pgBenchStore(b, n)
	conn := pgConnect(b, url)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, q := range []string{`DELETE FROM events`, `DELETE FROM settings WHERE key IN ('events_mark', 'floor_mark')`,
			`INSERT INTO events(contact_id, type, props, at, received_at, source) SELECT i, t, '{}', 0, 0, 'engine'
				FROM generate_series(1, 20000) AS g(i), (VALUES ('tag_added'), ('score_changed')) AS v(t) ORDER BY i, t`, `ANALYZE events`} {
			if _, err := st.DB().Exec(q); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start := time.Now()
		s, err := r.RunOnce(ctx)
		if err != nil || s.Events != 2*n {
			b.Fatalf("handled %d events, %v; want %d", s.Events, err, 2*n)
		}
		eng := float64(2*n) / time.Since(start).Seconds()

		start = time.Now()
		var markX, markID int64
		read := 0
		for {
			tx, err := conn.Begin(ctx)
			if err != nil {
				b.Fatal(err)
			}
			var horizon int64
			if err := tx.QueryRow(ctx, `SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint`).Scan(&horizon); err != nil {
				b.Fatal(err)
			}
			rows, err := tx.Query(ctx, `SELECT xid::text::bigint, id, contact_id, type, props, at FROM events
				WHERE (xid, id) > ($1::bigint::text::xid8, $2) AND xid < $3::bigint::text::xid8 AND processed=0 ORDER BY xid, id LIMIT $4`, markX, markID, horizon, perTx)
			if err != nil {
				b.Fatal(err)
			}
			var contacts []int64
			for rows.Next() {
				var cid, at int64
				var typ, props string
				if err := rows.Scan(&markX, &markID, &cid, &typ, &props, &at); err != nil {
					b.Fatal(err)
				}
				contacts = append(contacts, cid)
			}
			rows.Close()
			if len(contacts) == 0 {
				tx.Rollback(ctx)
				break
			}
			for c := 0; c < len(contacts); c += chunk {
				ids := contacts[c:min(c+chunk, len(contacts))]
				for _, q := range []string{`SELECT * FROM contacts WHERE id = ANY($1)`,
					`SELECT ` + enrollmentCols + ` FROM enrollments WHERE contact_id = ANY($1) AND status IN ('waiting','active') ORDER BY contact_id, id FOR UPDATE`} {
					rows, err := tx.Query(ctx, q, ids)
					if err != nil {
						b.Fatal(err)
					}
					for rows.Next() {
					}
					rows.Close()
				}
			}
			if _, err := tx.Exec(ctx, `INSERT INTO settings(key, value) VALUES('floor_mark', $1) ON CONFLICT(key) DO UPDATE SET value=excluded.value`, fmt.Sprintf("%d:%d", markX, markID)); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(ctx); err != nil {
				b.Fatal(err)
			}
			read += len(contacts)
		}
		if read != 2*n {
			b.Fatalf("the floor read %d events, want %d", read, 2*n)
		}
		floor := float64(2*n) / time.Since(start).Seconds()
		b.ReportMetric(eng, "events/s")
		b.ReportMetric(floor, "floor-events/s")
		b.ReportMetric(eng/floor, "ratio")
	}
}
