package runner

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"flightplan/engine/store"
)

// The floors below are what the engine benchmarks are read against: the
// rows each benchmark writes (and, for wake-ups, the rows it selects),
// written raw to a workspace of the same size, in multi-row statements of
// 100 rows and one transaction per 1,000 journeys or events as the engine
// batches them, with no step executed. figure ÷ floor is the share of
// SQLite's own speed the engine keeps, a ratio that stays comparable on a
// machine whose absolute speed moves by a third between runs. They write
// their SQL themselves, not through the engine's row buffers, so that a
// change to the engine never moves its own floor.

// floorT0 is when the floors' rows happen (any fixed instant does).
var floorT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// floorStore is a workspace holding n contacts, as the engine benchmarks
// start from.
func floorStore(b *testing.B, n int) *store.Store {
	st, err := store.Open(filepath.Join(b.TempDir(), "floor.flightplan"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	_, err = st.DB().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<?)
		INSERT INTO contacts(email, created_at, updated_at) SELECT 'c'||i||'@example.com', 0, 0 FROM n`, n)
	if err != nil {
		b.Fatal(err)
	}
	return st
}

// floorRows writes rows into one table, 100 to a statement: the engine's
// statement shape (head "INSERT INTO t(cols) VALUES", then the tuples,
// then tail).
type floorRows struct {
	head, tail, tuple string
	cols              int
	vals              []any
	full              string
}

func newFloorRows(table string, cols []string, tail string) *floorRows {
	return &floorRows{head: "INSERT INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES ", tail: tail, cols: len(cols),
		tuple: "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + "),"}
}

func (f *floorRows) add(b *testing.B, tx *sql.Tx, vals ...any) {
	f.vals = append(f.vals, vals...)
	if len(f.vals) == 100*f.cols {
		f.flush(b, tx)
	}
}

func (f *floorRows) flush(b *testing.B, tx *sql.Tx) {
	n := len(f.vals) / f.cols
	if n == 0 {
		return
	}
	q := f.full
	if n != 100 || q == "" {
		t := strings.Repeat(f.tuple, n)
		q = f.head + t[:len(t)-1] + " " + f.tail
		if n == 100 {
			f.full = q
		}
	}
	if _, err := tx.Exec(q, f.vals...); err != nil {
		b.Fatalf("%s: %v", f.head, err)
	}
	f.vals = f.vals[:0]
}

// BenchmarkFloorSteps is BenchmarkSteps' floor: for each of its 20,000
// journeys, the rows its 6 steps write — 6 journal rows, a tag, the
// tag_added and score_changed events, a score history row, an outbox row,
// the journey's row, the contact's new score — and, per transaction of
// 1,000 journeys, the running step counts. Reports the same steps/s.
func BenchmarkFloorSteps(b *testing.B) {
	const n, perStep, perTx = 20000, 6, 1000
	st := floorStore(b, n)
	now := store.MS(floorT0)
	nodesOf := []string{"start", "tag", "score", "check", "email", "wait"}
	// What the engine stores for these steps, built once: the floor counts
	// SQLite's work, not JSON encoding.
	tagEvent := `{"flow":"bench","tag":"bench"}`
	scoreEvent := `{"cause":"bench","delta":5,"new":5,"old":0,"old_temperature":"cold","temperature":"cold"}`
	payload := `{"template":"t","flow":"bench","node":"email","marketing":true}`
	// The journal's reason of each step, a code and its parameters.
	params := map[string]string{}
	for _, node := range nodesOf {
		params[node] = `{"node":"` + node + `"}`
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, t := range []string{"steps", "contact_tags", "events", "score_history", "outbox", "enrollments", "step_counts", "node_visits"} {
			if _, err := st.DB().Exec(`DELETE FROM ` + t); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		for first := int64(1); first <= n; first += perTx {
			tx, err := st.DB().Begin()
			if err != nil {
				b.Fatal(err)
			}
			tags := newFloorRows("contact_tags", []string{"contact_id", "tag", "added_at"}, "ON CONFLICT DO NOTHING")
			events := newFloorRows("events", []string{"contact_id", "type", "props", "at", "received_at", "source"}, "")
			scores := newFloorRows("score_history", []string{"contact_id", "delta", "score", "cause", "at"}, "")
			outbox := newFloorRows("outbox", []string{"key", "kind", "contact_id", "enrollment_id", "node", "payload", "next_at", "created_at"}, "ON CONFLICT(key) DO NOTHING")
			journal := newFloorRows("steps", []string{"enrollment_id", "flow_id", "version", "contact_id", "node", "port", "code", "params", "outcome", "at"}, "")
			journeys := newFloorRows("enrollments", []string{"id", "flow_id", "version", "contact_id", "run", "node", "status", "wake_at", "wait_event", "wait_filter", "wait_start", "event_id", "entered_at", "updated_at", "seq", "error"},
				`ON CONFLICT(id) DO UPDATE SET node=excluded.node, status=excluded.status, wake_at=excluded.wake_at, updated_at=excluded.updated_at, seq=excluded.seq`)
			contactScores := &floorRows{head: "UPDATE contacts SET score=v.column2, temperature=v.column3, updated_at=v.column4 FROM (VALUES ",
				tail: ") AS v WHERE contacts.id=v.column1", cols: 4, tuple: "(?,?,?,?),"}
			for id := first; id < first+perTx; id++ {
				tags.add(b, tx, id, "bench", now)
				events.add(b, tx, id, "tag_added", tagEvent, now, now, "engine")
				scores.add(b, tx, id, 5.0, 5.0, "bench", now)
				events.add(b, tx, id, "score_changed", scoreEvent, now, now, "engine")
				outbox.add(b, tx, fmt.Sprintf("%d/email/5", id), "email", id, id, "email", payload, now, now)
				for k, node := range nodesOf {
					outcome := map[bool]string{true: "wait", false: "ok"}[k == perStep-1]
					journal.add(b, tx, id, "bench", int64(1), id, node, "", "bench.step", params[node], outcome, now)
				}
				journeys.add(b, tx, id, "bench", int64(1), id, int64(1), "wait", "waiting", now+86_400_000, nil, nil, now, int64(0), now, now, int64(perStep), "")
				contactScores.add(b, tx, id, 5.0, "cold", now)
			}
			for _, f := range []*floorRows{tags, events, scores, outbox, journal, journeys, contactScores} {
				f.flush(b, tx)
			}
			counts := newFloorRows("step_counts", []string{"flow_id", "node", "port", "outcome", "n"}, "ON CONFLICT DO UPDATE SET n = n + excluded.n")
			visits := newFloorRows("node_visits", []string{"flow_id", "node", "n"}, "ON CONFLICT DO UPDATE SET n = n + excluded.n")
			for _, node := range nodesOf {
				counts.add(b, tx, "bench", node, "", "ok", int64(perTx))
				visits.add(b, tx, "bench", node, int64(perTx))
			}
			counts.flush(b, tx)
			visits.flush(b, tx)
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n*perStep)/time.Since(start).Seconds(), "steps/s")
		b.ReportMetric(float64(n*perStep)/(cpuTime()-cpu).Seconds(), "steps/cpu-s")
	}
	b.StopTimer()
	var got int
	st.DB().QueryRow(`SELECT count(*) FROM steps`).Scan(&got)
	if got != n*perStep {
		b.Fatalf("%d journal rows, want %d", got, n*perStep)
	}
}

// BenchmarkFloorWakeups is BenchmarkWakeups' floor: a million journeys
// waiting, 50,000 due; in transactions of 1,000, the due journeys are
// selected as the engine selects them, their rows updated (done at the
// exit) and the 2 steps each takes journaled, with the running counts.
// Reports the same wakeups/s.
func BenchmarkFloorWakeups(b *testing.B) {
	const waiting, due, perTx = 1_000_000, 50_000, 1000
	st := floorStore(b, waiting)
	now, later := store.MS(floorT0), store.MS(floorT0.Add(30*24*time.Hour))
	_, err := st.DB().Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<?)
		INSERT INTO enrollments(flow_id, version, contact_id, run, node, status, wake_at, wait_start, entered_at, updated_at)
		SELECT 'bench', 1, i, 1, 'wait', 'waiting', CASE WHEN i <= ? THEN ? ELSE ? END, ?, ?, ? FROM n`,
		waiting, due, now, later, now, now, now)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if _, err := st.DB().Exec(`UPDATE enrollments SET status='waiting', node='wait', wake_at=?, seq=0 WHERE id<=?`, now, due); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		woke := 0
		for {
			tx, err := st.DB().Begin()
			if err != nil {
				b.Fatal(err)
			}
			rows, err := tx.Query(`SELECT `+enrollmentCols+` FROM enrollments WHERE status='waiting' AND wake_at IS NOT NULL AND wake_at<=? ORDER BY wake_at, id LIMIT ?`, now, perTx)
			if err != nil {
				b.Fatal(err)
			}
			type row struct {
				id, contact int64
				seq         int64
			}
			var got []row
			for rows.Next() {
				var r row
				var flowID, node, status, waitEvent, filter string
				var version, run int
				var wake, waitStart, eventID, entered int64
				if err := rows.Scan(&r.id, &flowID, &version, &r.contact, &run, &node, &status, &wake, &waitEvent, &filter, &waitStart, &eventID, &entered, &r.seq); err != nil {
					b.Fatal(err)
				}
				got = append(got, r)
			}
			if err := rows.Close(); err != nil {
				b.Fatal(err)
			}
			if len(got) == 0 {
				tx.Rollback()
				break
			}
			journal := newFloorRows("steps", []string{"enrollment_id", "flow_id", "version", "contact_id", "node", "port", "code", "params", "outcome", "at"}, "")
			journeys := newFloorRows("enrollments", []string{"id", "flow_id", "version", "contact_id", "run", "node", "status", "wake_at", "wait_event", "wait_filter", "wait_start", "event_id", "entered_at", "updated_at", "seq", "error"},
				`ON CONFLICT(id) DO UPDATE SET node=excluded.node, status=excluded.status, wake_at=excluded.wake_at, updated_at=excluded.updated_at, seq=excluded.seq`)
			for _, r := range got {
				journal.add(b, tx, r.id, "bench", int64(1), r.contact, "wait", "", "wait.done", `{"for":"86400"}`, "ok", now)
				journal.add(b, tx, r.id, "bench", int64(1), r.contact, "end", "", "end", "", "end", now)
				journeys.add(b, tx, r.id, "bench", int64(1), r.contact, int64(1), "end", "done", nil, nil, nil, nil, int64(0), now, now, r.seq+2, "")
			}
			journal.flush(b, tx)
			journeys.flush(b, tx)
			counts := newFloorRows("step_counts", []string{"flow_id", "node", "port", "outcome", "n"}, "ON CONFLICT DO UPDATE SET n = n + excluded.n")
			counts.add(b, tx, "bench", "wait", "", "ok", int64(len(got)))
			counts.add(b, tx, "bench", "end", "", "end", int64(len(got)))
			counts.flush(b, tx)
			visits := newFloorRows("node_visits", []string{"flow_id", "node", "n"}, "ON CONFLICT DO UPDATE SET n = n + excluded.n")
			visits.add(b, tx, "bench", "end", int64(len(got)))
			visits.flush(b, tx)
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
			woke += len(got)
		}
		if woke != due {
			b.Fatalf("woke %d, want %d", woke, due)
		}
		b.ReportMetric(float64(due)/time.Since(start).Seconds(), "wakeups/s")
		b.ReportMetric(float64(due)/(cpuTime()-cpu).Seconds(), "wakeups/cpu-s")
	}
}

// enrollmentCols are the columns the engine reads for a journey.
const enrollmentCols = `id, flow_id, version, contact_id, run, node, status, coalesce(wake_at,0), coalesce(wait_event,''), coalesce(wait_filter,''), coalesce(wait_start,0), coalesce(event_id,0), entered_at, seq`

// BenchmarkFloorIntake is BenchmarkIntake's floor: its 100,000 events, with
// the same properties, inserted in transactions of 1,000. Reports the same
// events/s.
func BenchmarkFloorIntake(b *testing.B) {
	const n, perTx = 100_000, 1000
	st := floorStore(b, 10_000)
	now := store.MS(floorT0)
	props := make([]string, n)
	for i := range props {
		props[i] = fmt.Sprintf(`{"i":%d}`, i)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start, cpu := time.Now(), cpuTime()
		for j := 0; j < n; j += perTx {
			tx, err := st.DB().Begin()
			if err != nil {
				b.Fatal(err)
			}
			events := newFloorRows("events", []string{"contact_id", "type", "props", "at", "received_at", "source"}, "")
			for k := j; k < j+perTx; k++ {
				events.add(b, tx, int64(1+k%10_000), "custom_ping", props[k], now, now, "bench")
			}
			events.flush(b, tx)
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "events/s")
		b.ReportMetric(float64(n)/(cpuTime()-cpu).Seconds(), "events/cpu-s")
		b.StopTimer()
		st.DB().Exec(`UPDATE events SET processed=1`)
		b.StartTimer()
	}
}

// cpuTime is the CPU time the process has used (user and system, every
// thread: the background writer and the contact feed count too). Rates per
// CPU-second compare two versions on a machine other programs keep busy,
// where rates per wall-clock second mostly measure the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
