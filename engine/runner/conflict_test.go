package runner

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
)

// raceFlow: a signup waits up to a minute for a "ping", then is tagged
// either way (the tag writes an event: the events lock).
const raceFlow = `{
  "format": "flightplan.flow/v1", "id": "race", "name": "Race",
  "nodes": [
    {"id": "start", "type": "trigger.event", "config": {"event_type": "signup"}},
    {"id": "ping", "type": "wait.event", "config": {"event_type": "ping", "timeout": "1m"}},
    {"id": "tag", "type": "action.tag_add", "config": {"tag": "done"}},
    {"id": "end", "type": "exit"}
  ],
  "edges": [{"from": "start", "to": "ping"}, {"from": "ping", "port": "met", "to": "tag"}, {"from": "ping", "port": "timeout", "to": "tag"}, {"from": "tag", "to": "end"}]
}`

// Two engines on one PostgreSQL workspace: one wakes journeys whose wait
// ran out while the other handles a "ping" event for each of their
// contacts. The first locks the journeys, then wants the events lock (its
// tag step writes an event); the second holds the events lock and wants
// the journeys: PostgreSQL fails one batch to break the deadlock, and it
// runs again. Every journey goes on exactly once, by one port or the
// other, and neither engine reports an error.
func TestDeadlockedBatchRunsAgain(t *testing.T) {
	const n = 200
	url := pgtest.Database(t)
	admin, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	// PostgreSQL looks for deadlocks after this long waiting for a lock
	// (1 s by default): short, so the test provokes many.
	if _, err := admin.DB().Exec(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET deadlock_timeout = ''20ms''', current_database()); END $$`); err != nil {
		t.Fatal(err)
	}
	f, err := flow.Parse("race", []byte(raceFlow))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Publish(f, "", t0); err != nil {
		t.Fatal(err)
	}
	clk := clock.NewVirtual(t0)
	a := secondRunner(t, url, clk, time.Minute)
	b := secondRunner(t, url, clk, time.Minute)
	if _, err := admin.DB().Exec(`INSERT INTO contacts(email, created_at, updated_at) SELECT 'c'||i||'@example.com', 0, 0 FROM generate_series(1, CAST(? AS BIGINT)) AS g(i)`, n); err != nil {
		t.Fatal(err)
	}
	ingest := func(typ string) {
		t.Helper()
		in := make([]EventInput, n)
		for i := range in {
			in[i] = EventInput{ContactID: int64(i + 1), Type: typ, At: clk.Now()}
		}
		if _, rej, err := a.Ingest(t.Context(), in, "test"); err != nil || len(rej) > 0 {
			t.Fatal(err, rej)
		}
	}
	ingest("signup")
	if _, err := a.RunOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	// The wait runs out as the pings arrive.
	clk.Set(t0.Add(time.Minute))
	ingest("ping")
	// Small batches: many commits, many chances to meet.
	a.opts.BatchSize, b.opts.BatchSize = 10, 10
	// The meeting is arranged, not left to the scheduler (on a busy
	// machine one engine could finish before the other began): the test
	// holds the events lock while engine 2 queues for it (to handle the
	// pings), then engine 1 claims due journeys and queues for it too (its
	// tag steps' events are written at its commit); let go, the lock goes
	// to engine 2 first, whose pings need engine 1's journeys.
	hold, err := admin.DB().Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback()
	if _, err := hold.Exec(`SELECT pg_advisory_xact_lock(?)`, int64(lockEvents)); err != nil {
		t.Fatal(err)
	}
	queued := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(5 * time.Millisecond) {
			var waiting int
			admin.ReadDB().QueryRow(`SELECT count(*) FROM pg_locks WHERE locktype='advisory' AND objid=? AND NOT granted`, int64(lockEvents)).Scan(&waiting)
			if waiting == n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d engines queued for the events lock after a minute, want %d", waiting, n)
			}
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, work := range []func() (Stats, error){
		func() (Stats, error) {
			// Always wait for the events lock (never pass to the other
			// engine): the deadlock needs a waiter on both sides.
			b.eventsPassed.Store(maxEventsPassed)
			return b.retryConflicts(t.Context(), b.processEvents)
		},
		func() (Stats, error) { return a.retryConflicts(t.Context(), a.processDue) },
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				s, err := work()
				if err != nil {
					errs[i] = err
					return
				}
				if s.Events == 0 && s.Resumed == 0 {
					return
				}
			}
		}()
		queued(i + 1)
	}
	if err := hold.Commit(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("engine %d: %v", 2-i, err)
		}
	}
	// Whatever is left (none of the two had anything to do at its end).
	if _, err := a.RunOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	rows, err := admin.ReadDB().Query(`SELECT contact_id, string_agg(node || ':' || CASE WHEN port<>'' THEN port ELSE '(' || outcome || ')' END, ' ' ORDER BY id) FROM steps GROUP BY contact_id`)
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]int{}
	for rows.Next() {
		var id int64
		var p string
		rows.Scan(&id, &p)
		paths[p]++
	}
	rows.Close()
	var tags int
	admin.ReadDB().QueryRow(`SELECT count(*) FROM events WHERE type=?`, contact.EventTagAdded).Scan(&tags)
	total := 0
	var shown []string
	for p, k := range paths {
		total += k
		shown = append(shown, fmt.Sprintf("%d× %s", k, p))
		if p != "start:next ping:(wait) ping:met tag:next end:(end)" && p != "start:next ping:(wait) ping:timeout tag:next end:(end)" {
			t.Errorf("%d journeys went %s", k, p)
		}
	}
	if total != n || tags != n {
		t.Errorf("%d journeys journaled and %d tags added, want %d", total, tags, n)
	}
	t.Logf("%s; batches run again after a deadlock: %d + %d", strings.Join(shown, "; "), a.Conflicts(), b.Conflicts())
	if a.Conflicts()+b.Conflicts() == 0 {
		t.Errorf("the two engines never deadlocked: the test proved nothing")
	}
}
