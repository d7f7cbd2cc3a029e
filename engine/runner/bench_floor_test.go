package runner

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"flightplan/engine/store"
)

// BenchmarkFloorRows is the floor the engine benchmarks are read against:
// the journal rows of BenchmarkSteps (20,000 journeys × 6 steps) inserted
// raw, in the engine's multi-row statements and 6,000 rows per commit, with
// no step executed. steps/s ÷ rows/s is the share of SQLite's own speed the
// engine keeps, a ratio that stays comparable on a busy machine.
func BenchmarkFloorRows(b *testing.B) {
	const n = 20000 * 6
	st, _, _ := benchStore(b, 1)
	ctx := context.Background()
	tuple := "(?,?,?,?,?,?,?,?,?),"
	full := "INSERT INTO steps(enrollment_id, flow_id, version, contact_id, node, port, reason, outcome, at) VALUES " +
		strings.TrimSuffix(strings.Repeat(tuple, rowsPerStmt), ",")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st.DB().Exec(`DELETE FROM steps`)
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		for done := 0; done < n; {
			tx, err := st.DB().BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			for k := 0; k < 6000 && done < n; k += rowsPerStmt {
				args := make([]any, 0, rowsPerStmt*9)
				for j := 0; j < rowsPerStmt; j++ {
					id := int64(done+j) / 6
					args = append(args, id, "bench", int64(1), id, "tag", "next", "tag added", "ok", store.MS(t0))
				}
				if _, err := tx.ExecContext(ctx, full, args...); err != nil {
					b.Fatal(err)
				}
				done += rowsPerStmt
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
		b.ReportMetric(float64(n)/(cpuTime()-cpu).Seconds(), "rows/cpu-s")
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
