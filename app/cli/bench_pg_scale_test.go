package cli

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"flightplan/engine/store/pgtest"
)

// The scaling benchmark: 1, 2 and 4 real engine processes (`flightplan
// run`, started as the SIGKILL test starts them) on one throwaway
// PostgreSQL workspace, each beside its floor measured in the same run —
// the same claims and writes made raw through pgx by as many client
// processes (this test binary again, see TestMain). Each measurement gets
// its own copy of one seeded database: pgScaleContacts waiting journeys,
// the first pgScaleDue of them made due at once when every process is
// ready. Figures are wall-clock (most of the work is in the server's
// processes): from the moment the journeys fall due to the moment all are
// done, polled every 25 ms.
//
// Two funnels: "wake" (the wait, then the end: 2 steps, no event) and
// "steps" (the wait, a tag, points, the end: 4 steps and 2 events per
// journey, written by every engine at once since migration 015, and then
// handled by the engines one batch at a time).

const (
	pgScaleContacts = 100_000
	pgScaleDue      = 20_000
	// pgScaleFar is the wake time seeded: never, until the measurement
	// makes the first pgScaleDue journeys due.
	pgScaleFar = int64(1) << 50
)

// floorArgs makes the test binary a floor worker (see TestMain): "MODE URL".
const floorArgs = "FLIGHTPLAN_TEST_PG_FLOOR"

// scaleFlow is the benchmark's funnel: a manual start, a wait, then tail.
func scaleFlow(mode string) string {
	tail := `{"id": "end", "type": "exit"}`
	edges := `{"from": "wait", "to": "end"}`
	if mode == "steps" {
		tail = `{"id": "tag", "type": "action.tag_add", "config": {"tag": "scale"}},
    {"id": "score", "type": "action.score", "config": {"points": 5}},
    {"id": "end", "type": "exit"}`
		edges = `{"from": "wait", "to": "tag"}, {"from": "tag", "to": "score"}, {"from": "score", "to": "end"}`
	}
	return `{
  "format": "flightplan.flow/v1", "id": "scale", "name": "Scale", "settings": {"reentry": "always"},
  "nodes": [
    {"id": "start", "type": "trigger.manual"},
    {"id": "wait", "type": "wait.delay", "config": {"duration": "1d"}},
    ` + tail + `
  ],
  "edges": [{"from": "start", "to": "wait"}, ` + edges + `]
}`
}

// stepsPerJourney is what a woken journey journals in each funnel.
func stepsPerJourney(mode string) int {
	if mode == "steps" {
		return 4
	}
	return 2
}

// BenchmarkPGEngines runs each funnel's due journeys through 1, 2 and 4
// engine processes, then through as many floor processes, on fresh copies
// of the same workspace. Reports wakeups/s and steps/s of the engines,
// floor-wakeups/s of the raw writes, their ratio, the CPU each wake-up
// cost in PostgreSQL's processes and in the engines (or the floor's), and
// the machine's load (1-minute average, read when the measurement ends).
func BenchmarkPGEngines(b *testing.B) {
	b.Setenv("FLIGHTPLAN_KEYRING", "off")
	for _, mode := range []string{"wake", "steps"} {
		for _, k := range []int{1, 2, 4} {
			b.Run(fmt.Sprintf("%s/%d", mode, k), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					eng := pgScaleRun(b, mode, k, false)
					flo := pgScaleRun(b, mode, k, true)
					b.ReportMetric(eng.rate, "wakeups/s")
					b.ReportMetric(eng.rate*float64(stepsPerJourney(mode)), "steps/s")
					b.ReportMetric(flo.rate, "floor-wakeups/s")
					b.ReportMetric(eng.rate/flo.rate, "ratio")
					b.ReportMetric(eng.server, "server-µs/wakeup")
					b.ReportMetric(eng.client, "engine-µs/wakeup")
					b.ReportMetric(flo.server, "floor-server-µs/wakeup")
					b.ReportMetric(flo.client, "floor-client-µs/wakeup")
					b.ReportMetric(max(eng.load, flo.load), "load")
					for _, f := range []struct {
						what string
						pgScaleFigures
					}{{"engine(s)", eng}, {"floor process(es)", flo}} {
						b.Logf("%s, %d %s: %.0f wake-ups/s, CPU per wake-up %.0f µs in PostgreSQL + %.0f µs in the processes, %.0f journeys a batch (load %.1f); %s", mode, k, f.what, f.rate, f.server, f.client, f.batch, f.load, f.waits)
					}
				}
			})
		}
	}
}

// pgScaleWorkspace returns a fresh copy of the mode's seeded workspace.
func pgScaleWorkspace(b *testing.B, mode string) string {
	return pgtest.Prepared(b, "scale_"+mode, func(url string) error {
		dir := b.TempDir()
		f := dir + "/scale.flow.json"
		if err := os.WriteFile(f, []byte(scaleFlow(mode)), 0o600); err != nil {
			return err
		}
		for _, args := range [][]string{{"import", "flow", f}, {"publish", "scale"}} {
			if code, out, errs := runCLI(append(args, "--workspace", url)...); code != 0 {
				return fmt.Errorf("flightplan %s: %s%s", strings.Join(args, " "), out, errs)
			}
		}
		db, err := sql.Open("pgx", url)
		if err != nil {
			return err
		}
		defer db.Close()
		for _, q := range []string{
			`INSERT INTO contacts(email, created_at, updated_at) SELECT 'c'||i||'@example.com', 0, 0 FROM generate_series(1, ` + strconv.Itoa(pgScaleContacts) + `) AS g(i)`,
			`INSERT INTO enrollments(flow_id, version, contact_id, run, node, status, wake_at, wait_start, entered_at, updated_at, seq)
			 SELECT 'scale', 1, i, 1, 'wait', 'waiting', ` + strconv.FormatInt(pgScaleFar, 10) + `, 0, 0, 0, 1 FROM generate_series(1, ` + strconv.Itoa(pgScaleContacts) + `) AS g(i)`,
			`VACUUM ANALYZE`,
		} {
			if _, err := db.Exec(q); err != nil {
				return fmt.Errorf("seeding: %w", err)
			}
		}
		return nil
	})
}

// pgScaleRun starts k engines (or k floor processes), makes the due
// journeys due once all are ready, and measures until all are done.
func pgScaleRun(b *testing.B, mode string, k int, floor bool) pgScaleFigures {
	ws := pgScaleWorkspace(b, mode)
	// The benchmark's own connections are named, so that their CPU is
	// left out of the figures.
	db, err := sql.Open("pgx", ws+"&application_name=fpbench")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var procs []*exec.Cmd
	var outs []*syncBuffer
	for range k {
		cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
		if floor {
			cmd.Env = append(os.Environ(), floorArgs+"="+mode+" "+ws)
		} else {
			cmd.Env = append(os.Environ(), helperArgs+"=run --workspace "+ws+" --http 127.0.0.1:0 --capture 127.0.0.1:0 --poll 50ms")
		}
		out := &syncBuffer{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		procs, outs = append(procs, cmd), append(outs, out)
	}
	defer func() {
		for _, p := range procs {
			p.Process.Signal(syscall.SIGTERM)
			p.Wait()
		}
	}()
	ready := "tracking and intake"
	if floor {
		ready = "floor ready"
	}
	for i, out := range outs {
		for deadline := time.Now().Add(60 * time.Second); !strings.Contains(out.String(), ready); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				b.Fatalf("process %d of %d never got ready:\n%s", i+1, k, out.String())
			}
		}
	}

	ctx, stop := context.WithCancel(context.Background())
	waits := make(chan string)
	go func() { waits <- sampleWaits(ctx, ws+"&application_name=fpbench") }()
	// CPU time of the k processes and of the server's processes that
	// serve them, from the moment the journeys fall due.
	backends := func() []int {
		rows, err := db.Query(`SELECT pid FROM pg_stat_activity WHERE datname=current_database() AND application_name<>'fpbench'`)
		if err != nil {
			b.Fatal(err)
		}
		defer rows.Close()
		var pids []int
		for rows.Next() {
			var pid int
			rows.Scan(&pid)
			pids = append(pids, pid)
		}
		return pids
	}
	clientPIDs := make([]int, len(procs))
	for i, p := range procs {
		clientPIDs[i] = p.Process.Pid
	}
	serverBefore, clientBefore := cpuOf(backends()), cpuOf(clientPIDs)

	start := time.Now()
	if _, err := db.Exec(`UPDATE enrollments SET wake_at=$1 WHERE id<=$2`, start.UnixMilli(), pgScaleDue); err != nil {
		b.Fatal(err)
	}
	var took time.Duration
	for deadline := start.Add(10 * time.Minute); ; time.Sleep(25 * time.Millisecond) {
		var done int
		if err := db.QueryRow(`SELECT count(*) FROM enrollments WHERE id<=$1 AND status='done'`, pgScaleDue).Scan(&done); err != nil {
			b.Fatal(err)
		}
		if done == pgScaleDue {
			took = time.Since(start)
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d journeys done after 10 minutes; first process said:\n%s", done, pgScaleDue, outs[0].String())
		}
	}
	serverAfter, clientAfter := cpuOf(backends()), cpuOf(clientPIDs)
	stop()
	sampled := <-waits
	load := loadAverage()

	// Each step journaled once, whoever took it.
	var steps, rest, batches int
	// A batch stamps its journeys with its one time: about one time per
	// batch (two batches in the same millisecond count once).
	db.QueryRow(`SELECT count(DISTINCT updated_at) FROM enrollments WHERE id<=$1`, pgScaleDue).Scan(&batches)
	db.QueryRow(`SELECT count(*) FROM steps`).Scan(&steps)
	db.QueryRow(`SELECT count(*) FROM enrollments WHERE id>$1 AND status<>'waiting'`, pgScaleDue).Scan(&rest)
	if want := pgScaleDue * stepsPerJourney(mode); steps != want || rest != 0 {
		b.Fatalf("floor=%v, %d processes: %d steps journaled, want %d; %d journeys not due were woken", floor, k, steps, want, rest)
	}
	return pgScaleFigures{
		rate:   float64(pgScaleDue) / took.Seconds(),
		server: cpuSpent(serverBefore, serverAfter) / pgScaleDue * 1e6,
		client: cpuSpent(clientBefore, clientAfter) / pgScaleDue * 1e6,
		waits:  sampled,
		load:   load,
		batch:  float64(pgScaleDue) / float64(max(batches, 1)),
	}
}

// pgScaleFigures is one measurement of BenchmarkPGEngines.
type pgScaleFigures struct {
	rate           float64 // wake-ups/s
	server, client float64 // CPU µs per wake-up: PostgreSQL's processes, the engines' (or floor's)
	waits          string  // sampleWaits
	load           float64 // 1-minute load average at the end
	batch          float64 // journeys woken per batch, on average
}

// cpuOf reads each process's CPU time so far (user and system, seconds)
// from /proc; a process gone is left out.
func cpuOf(pids []int) map[int]float64 {
	out := map[int]float64{}
	for _, pid := range pids {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// The fields after the command name (which may hold spaces):
		// utime and stime are the 14th and 15th of the line.
		f := strings.Fields(string(raw[strings.LastIndexByte(string(raw), ')')+1:]))
		ut, _ := strconv.ParseFloat(f[11], 64)
		st, _ := strconv.ParseFloat(f[12], 64)
		out[pid] = (ut + st) / 100 // USER_HZ: 100 on Linux
	}
	return out
}

// cpuSpent is the CPU seconds processes spent between two readings; a
// process that was not there at the first spent all of its time since.
func cpuSpent(before, after map[int]float64) float64 {
	total := 0.0
	for pid, t := range after {
		total += t - before[pid]
	}
	return total
}

// sampleWaits looks at the workspace's busy connections every 50 ms until
// ctx ends and returns what they were doing, the commonest first: running
// in the server, idle in a transaction (the client process working),
// or waiting (the wait event; for a lock, its kind and, for a lock on a
// table or an advisory lock, which).
func sampleWaits(ctx context.Context, url string) string {
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		return err.Error()
	}
	defer conn.Close(context.Background())
	seen := map[string]int{}
	samples := 0
	for ctx.Err() == nil {
		rows, err := conn.Query(context.Background(), `SELECT a.state, coalesce(a.wait_event_type, ''), coalesce(a.wait_event, ''),
			coalesce(l.locktype || CASE WHEN l.locktype='advisory' THEN ' ' || to_hex(l.objid::bigint) WHEN l.relation IS NOT NULL THEN ' ' || l.relation::regclass::text ELSE '' END, '')
			FROM pg_stat_activity a LEFT JOIN pg_locks l ON l.pid=a.pid AND NOT l.granted
			WHERE a.datname=current_database() AND a.pid<>pg_backend_pid() AND a.backend_type='client backend' AND a.state IN ('active', 'idle in transaction')`)
		if err != nil {
			return err.Error()
		}
		for rows.Next() {
			var state, typ, event, lock string
			rows.Scan(&state, &typ, &event, &lock)
			key := state
			switch {
			case typ == "" && state == "active":
				key = "running"
			case state == "idle in transaction":
				key = "client working in a transaction"
			case lock != "":
				key = typ + " " + lock
			default:
				key = typ + " " + event
			}
			seen[key]++
		}
		rows.Close()
		samples++
		select {
		case <-ctx.Done():
		case <-time.After(50 * time.Millisecond):
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return seen[keys[i]] > seen[keys[j]] })
	var parts []string
	for i, k := range keys {
		if i == 6 {
			break
		}
		parts = append(parts, fmt.Sprintf("%s %.2f", k, float64(seen[k])/float64(max(samples, 1))))
	}
	return fmt.Sprintf("connections per sample (%d samples): %s", samples, strings.Join(parts, ", "))
}

// loadAverage is the machine's 1-minute load average (0 if unknown).
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f, _ := strconv.ParseFloat(strings.Fields(string(b))[0], 64)
	return f
}

// floorWorker is one floor process of BenchmarkPGEngines: it claims due
// journeys 1,000 at a time FOR UPDATE SKIP LOCKED, as an engine's batch
// does, and writes raw what the engine writes for them in the same
// 100-row statements — the journal, the journeys, the step counts, and for
// "steps" the tags, the score history, the two events and the contacts'
// scores — until it is stopped. It looks for due work every 50 ms, as the
// engines are told to.
func floorWorker(mode, url string, stdout io.Writer) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	fmt.Fprintln(stdout, "floor ready")
	tagEvent := `{"flow":"scale","tag":"scale"}`
	scoreEvent := `{"cause":"scale","delta":5,"new":5,"old":0,"old_temperature":"cold","temperature":"cold"}`
	for {
		tx, err := conn.Begin(ctx)
		if err != nil {
			return err
		}
		now := time.Now().UnixMilli()
		due, err := pgtest.ClaimDue(ctx, tx, now, 1000)
		if err != nil {
			return err
		}
		if len(due) == 0 {
			tx.Rollback(ctx)
			time.Sleep(50 * time.Millisecond)
			continue
		}
		journal := pgtest.NewRows("steps", []string{"enrollment_id", "flow_id", "version", "contact_id", "node", "port", "reason", "outcome", "at"}, "")
		journeys := pgtest.NewRows("enrollments", []string{"id", "flow_id", "version", "contact_id", "run", "node", "status", "wake_at", "wait_event", "wait_filter", "wait_start", "event_id", "entered_at", "updated_at", "seq", "error"},
			`ON CONFLICT(id) DO UPDATE SET node=excluded.node, status=excluded.status, wake_at=excluded.wake_at, updated_at=excluded.updated_at, seq=excluded.seq`)
		tags := pgtest.NewRows("contact_tags", []string{"contact_id", "tag", "added_at"}, "ON CONFLICT DO NOTHING")
		events := pgtest.NewRows("events", []string{"contact_id", "type", "props", "at", "received_at", "source"}, "")
		scores := pgtest.NewRows("score_history", []string{"contact_id", "delta", "score", "cause", "at"}, "")
		contactScores := pgtest.NewScoreRows()
		nodes := []string{"wait", "end"}
		if mode == "steps" {
			nodes = []string{"wait", "tag", "score", "end"}
		}
		add := func(f *pgtest.Rows, vals ...any) {
			if err == nil {
				err = f.Add(ctx, tx, vals...)
			}
		}
		for _, r := range due {
			for _, node := range nodes {
				outcome := "ok"
				if node == "end" {
					outcome = "end"
				}
				add(journal, r.ID, "scale", int64(1), r.Contact, node, "", "step "+node, outcome, now)
			}
			if mode == "steps" {
				add(tags, r.Contact, "scale", now)
				add(events, r.Contact, "tag_added", tagEvent, now, now, "engine")
				add(scores, r.Contact, 5.0, 5.0, "scale", now)
				add(events, r.Contact, "score_changed", scoreEvent, now, now, "engine")
				add(contactScores, r.Contact, 5.0, "cold", now)
			}
			add(journeys, r.ID, "scale", int64(1), r.Contact, int64(1), "end", "done", nil, nil, nil, nil, int64(0), now, now, r.Seq+int64(len(nodes)), "")
		}
		for _, f := range []*pgtest.Rows{journal, journeys, tags, scores} {
			if err == nil {
				err = f.Flush(ctx, tx)
			}
		}
		counts := pgtest.NewRows("step_counts", []string{"flow_id", "node", "port", "outcome", "n"}, "ON CONFLICT(flow_id, node, port, outcome) DO UPDATE SET n = step_counts.n + excluded.n")
		visits := pgtest.NewRows("node_visits", []string{"flow_id", "node", "n"}, "ON CONFLICT(flow_id, node) DO UPDATE SET n = node_visits.n + excluded.n")
		for _, node := range nodes {
			outcome := "ok"
			if node == "end" {
				outcome = "end"
			}
			add(counts, "scale", node, "", outcome, int64(len(due)))
			if node != "wait" {
				add(visits, "scale", node, int64(len(due)))
			}
		}
		// As the engine does: the events last but for the contacts and the
		// running totals, so the totals' rows (the same for every batch)
		// are held to the commit only.
		for _, f := range []*pgtest.Rows{events, contactScores, counts, visits} {
			if err == nil {
				err = f.Flush(ctx, tx)
			}
		}
		if err != nil {
			tx.Rollback(ctx)
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
	}
}
