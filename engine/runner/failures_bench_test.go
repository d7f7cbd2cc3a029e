package runner

import (
	"context"
	"strings"
	"testing"
)

// BenchmarkFailures: a funnel's failures as the canvas asks for them every
// few seconds, in a workspace with 200,000 messages sent, 1,000 in trouble
// (failed or waiting for a retry) on two steps, 200,000 journeys done and
// 100 stopped by an error. The floor reads the same trouble rows with the
// same filter and nothing else.
func BenchmarkFailures(b *testing.B) {
	st, r, _ := benchStore(b, 1)
	db := st.DB()
	exec := func(q string, args ...any) {
		if _, err := db.Exec(q, args...); err != nil {
			b.Fatal(err)
		}
	}
	exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<200000)
		INSERT INTO outbox(key, kind, contact_id, enrollment_id, node, payload, status, next_at, created_at)
		SELECT 'k'||i, 'email', 1, i, 'email', '{"flow":"bench","node":"email","template":"t"}', 'sent', 0, i FROM n`)
	exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<1000)
		INSERT INTO outbox(key, kind, contact_id, enrollment_id, node, payload, status, next_at, created_at, last_error)
		SELECT 'f'||i, 'email', 1, i, CASE i%2 WHEN 0 THEN 'email' ELSE 'alert' END, '{"flow":"bench","template":"t"}',
		  CASE i%3 WHEN 0 THEN 'pending' ELSE 'failed' END, 0, i, 'relay refused' FROM n`)
	exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<200000)
		INSERT INTO enrollments(flow_id, version, contact_id, run, node, status, entered_at, updated_at)
		SELECT 'bench', 1, 1, i, CASE WHEN i<=100 THEN 'check' ELSE 'end' END, CASE WHEN i<=100 THEN 'error' ELSE 'done' END, 0, 0 FROM n`)
	exec(`ANALYZE`)
	ctx := context.Background()
	b.Run("failures", func(b *testing.B) {
		for b.Loop() {
			fs, err := r.Failures(ctx, "bench")
			if err != nil || len(fs) != 3 {
				b.Fatalf("%+v, %v", fs, err)
			}
		}
	})
	b.Run("floor", func(b *testing.B) {
		for b.Loop() {
			rows, err := st.ReadDB().Query(`SELECT node, last_error FROM outbox WHERE `+troubleSQL+` AND json_extract(payload,'$.flow')=?`, "bench")
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var node, msg string
				rows.Scan(&node, &msg)
				n++
			}
			rows.Close()
			var stopped int
			st.ReadDB().QueryRow(`SELECT count(*) FROM enrollments WHERE status='error' AND flow_id=?`, "bench").Scan(&stopped)
			if n != 1000 || stopped != 100 {
				b.Fatalf("%d rows, %d stopped", n, stopped)
			}
		}
	})
}

func TestFailuresQueriesUseTheTroubleIndexes(t *testing.T) {
	h := newSQLiteHarness(t)
	for _, q := range []string{
		`SELECT json_extract(payload,'$.flow'), node, count(*) FROM outbox WHERE ` + troubleSQL + ` AND json_extract(payload,'$.flow')='x' GROUP BY 1, 2`,
		`SELECT flow_id, node, count(*), max(id) FROM enrollments WHERE status='error' AND flow_id='x' GROUP BY flow_id, node`,
	} {
		rows, err := h.st.DB().Query(`EXPLAIN QUERY PLAN ` + q)
		if err != nil {
			t.Fatal(err)
		}
		plan := ""
		for rows.Next() {
			var id, parent, notused int
			var detail string
			rows.Scan(&id, &parent, &notused, &detail)
			plan += detail + "\n"
		}
		rows.Close()
		if !strings.Contains(plan, "outbox_trouble") && !strings.Contains(plan, "enrollments_error") {
			t.Errorf("%s\nplan:\n%s", q, plan)
		}
	}
}
