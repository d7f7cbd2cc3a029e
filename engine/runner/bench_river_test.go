package runner

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"flightplan/engine/nodes"
	"flightplan/engine/store"
)

// River against the engine's FOR UPDATE SKIP LOCKED claims, on the same
// due work: BenchmarkPGWakeups' 20,000 due journeys of 200,000 waiting,
// each woken to take its 2 steps and end. Test code only: River is not
// part of the engine.
//
// With River each wake-up is a job (its arguments: the journey), inserted
// beforehand as available (a scheduled job waits for River's scheduler,
// every few seconds, which would measure the scheduler, not the work).
// A worker resumes its journey in a transaction of its own — the journey's
// row, its 2 journal rows, and the job marked completed in the same
// transaction (river.JobCompleteTx), the only way to run each step once
// when a process dies. It leaves out the funnel's running totals (one row
// per step that every job would update: its workers would queue on it),
// which the engine writes: that favours River.
//
// The claims are the engine's own (Runner.RunOnce, one process) and their
// floor, measured on the same server in the same run: the same journeys
// taken 1,000 to a transaction.

// riverWake is a wake-up as a River job.
type riverWake struct {
	Journey int64 `json:"j"`
}

func (riverWake) Kind() string { return "flightplan_wake" }

// riverWakeWorker resumes one journey per job.
type riverWakeWorker struct {
	river.WorkerDefaults[riverWake]
	pool *pgxpool.Pool
	now  int64
	// async leaves the job's completion to River's completer (batched,
	// after the journey's transaction): faster, but a process dying
	// between the two runs the steps again.
	async bool
}

func (w *riverWakeWorker) Work(ctx context.Context, job *river.Job[riverWake]) error {
	tx, err := w.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	var contact int64
	if err := tx.QueryRow(ctx, `UPDATE enrollments SET node='end', status='done', wake_at=NULL, updated_at=$2, seq=seq+2 WHERE id=$1 AND status='waiting' RETURNING contact_id`,
		job.Args.Journey, w.now).Scan(&contact); err != nil {
		return fmt.Errorf("journey %d: %w", job.Args.Journey, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO steps(enrollment_id, flow_id, version, contact_id, node, port, code, params, outcome, at)
		VALUES ($1, 'bench', 1, $2, 'wait', '', 'waited', '{}', 'ok', $3), ($1, 'bench', 1, $2, 'end', '', 'left', '{}', 'end', $3)`,
		job.Args.Journey, contact, w.now); err != nil {
		return err
	}
	if !w.async {
		if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

// BenchmarkPGRiverWakeups reports, on one workspace reset between them:
// the engine's wakeups/s (claims, one process), River's river-wakeups/s
// with 10 and with 50 workers (one process) and with 50 workers leaving
// the completion to River (river50-async: a step can run twice after a
// crash, not a design the engine could take), the floor of the claims
// (claims-floor-wakeups/s), and the time River took to insert each job
// (insert-µs/job), which the engine does not spend (a wake-up is the
// journey's own wake_at).
func BenchmarkPGRiverWakeups(b *testing.B) {
	st, clk, url := pgWakeStore(b)
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, url+"&pool_max_conns=60")
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	driver := riverpgxv5.New(pool)
	migrator, err := rivermigrate.New(driver, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		b.Fatal(err)
	}
	conn := pgConnect(b, url)
	now := store.MS(t0)
	reset := func() {
		b.Helper()
		for _, q := range []string{`DELETE FROM steps`, `DELETE FROM step_counts`, `DELETE FROM node_visits`, `DELETE FROM river_job`} {
			if _, err := conn.Exec(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := conn.Exec(ctx, `UPDATE enrollments SET status='waiting', node='wait', wake_at=$1, seq=0 WHERE id<=$2`, now, pgDue); err != nil {
			b.Fatal(err)
		}
		conn.Exec(ctx, `VACUUM ANALYZE enrollments`)
	}
	check := func(what string) {
		b.Helper()
		var steps, done int
		conn.QueryRow(ctx, `SELECT count(*) FROM steps`).Scan(&steps)
		conn.QueryRow(ctx, `SELECT count(*) FROM enrollments WHERE status='done'`).Scan(&done)
		if steps != 2*pgDue || done != pgDue {
			b.Fatalf("%s: %d steps journaled (want %d), %d journeys done (want %d)", what, steps, 2*pgDue, done, pgDue)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		reset()
		r := New(st, nodes.MustRegistry(), Options{Clock: clk})
		b.StartTimer()
		start := time.Now()
		s, err := r.RunOnce(ctx)
		if err != nil || s.Resumed != pgDue {
			b.Fatalf("engine: resumed %d of %d: %v", s.Resumed, pgDue, err)
		}
		b.ReportMetric(float64(pgDue)/time.Since(start).Seconds(), "wakeups/s")
		b.StopTimer()
		check("engine")

		for _, run := range []struct {
			workers int
			async   bool
		}{{10, false}, {50, false}, {50, true}} {
			reset()
			rate, insert := riverRun(b, pool, driver, run.workers, run.async, now)
			unit := fmt.Sprintf("river%d-wakeups/s", run.workers)
			if run.async {
				unit = fmt.Sprintf("river%d-async-wakeups/s", run.workers)
			}
			b.ReportMetric(rate, unit)
			b.ReportMetric(insert, "insert-µs/job")
			check(unit)
		}

		reset()
		b.ReportMetric(pgWakeFloor(b, conn, now, false), "claims-floor-wakeups/s")
		check("floor")
		// The machine's 1-minute load average: the figures are wall-clock.
		if raw, err := os.ReadFile("/proc/loadavg"); err == nil {
			load, _ := strconv.ParseFloat(strings.Fields(string(raw))[0], 64)
			b.ReportMetric(load, "load")
		}
		b.StartTimer()
	}
}

// riverRun inserts the due journeys as River jobs, then works them with
// a River client of so many workers: wake-ups/s from the client's start
// to the last job completed, and the insert's µs per job.
func riverRun(b *testing.B, pool *pgxpool.Pool, driver *riverpgxv5.Driver, workers int, async bool, now int64) (float64, float64) {
	ctx := context.Background()
	ws := river.NewWorkers()
	river.AddWorker(ws, &riverWakeWorker{pool: pool, now: now, async: async})
	client, err := river.NewClient(driver, &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}},
		Workers:           ws,
		FetchCooldown:     10 * time.Millisecond,
		FetchPollInterval: 50 * time.Millisecond,
		Logger:            slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		b.Fatal(err)
	}
	jobs := make([]river.InsertManyParams, pgDue)
	for i := range jobs {
		jobs[i] = river.InsertManyParams{Args: riverWake{Journey: int64(i + 1)}}
	}
	began := time.Now()
	for k := 0; k < len(jobs); k += 1000 {
		if _, err := client.InsertManyFast(ctx, jobs[k:k+1000]); err != nil {
			b.Fatal(err)
		}
	}
	insert := float64(time.Since(began).Microseconds()) / pgDue
	start := time.Now()
	if err := client.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer func() {
		stop, done := context.WithTimeout(ctx, 30*time.Second)
		defer done()
		client.Stop(stop)
	}()
	// Counted in the database: River's subscriptions drop events when
	// their buffer is full.
	for deadline := start.Add(5 * time.Minute); ; time.Sleep(10 * time.Millisecond) {
		var completed, failed int
		if err := pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE state='completed'), count(*) FILTER (WHERE state NOT IN ('completed', 'available', 'running')) FROM river_job`).Scan(&completed, &failed); err != nil {
			b.Fatal(err)
		}
		if failed > 0 {
			var errs string
			pool.QueryRow(ctx, `SELECT coalesce(errors::text, '') FROM river_job WHERE state NOT IN ('completed', 'available', 'running') LIMIT 1`).Scan(&errs)
			b.Fatalf("River: %d jobs failed: %s", failed, errs)
		}
		if completed == pgDue {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("River: %d of %d jobs completed after 5 minutes", completed, pgDue)
		}
	}
	rate := float64(pgDue) / time.Since(start).Seconds()
	return rate, insert
}
