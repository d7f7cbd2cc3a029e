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
// either way (the tag writes a tag row and an event).
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
// contacts. Every journey goes on exactly once, by one port or the other
// (the batch handling events locks the contact's journeys, and waits for
// the engine waking them), and neither engine reports an error. First, a
// deadlock is arranged between the waking engine and the test: its batch
// fails with 40P01, did nothing, and runs again.
func TestDeadlockedBatchRunsAgain(t *testing.T) {
	const n = 200
	url := pgtest.Database(t)
	admin, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	// PostgreSQL looks for a deadlock once, this long after a session
	// began to wait for a lock (1 s by default): the engines' sessions
	// look after 2 s, the test's never (below), so the engine is the one
	// failed.
	if _, err := admin.DB().Exec(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET deadlock_timeout = ''2s''', current_database()); END $$`); err != nil {
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
	// Contacts n, n-1… for the pings: the engine handling them starts at
	// the journeys the other engine wakes last, and they meet.
	ingest := func(typ string) {
		t.Helper()
		in := make([]EventInput, n)
		for i := range in {
			id := int64(i + 1)
			if typ == "ping" {
				id = int64(n - i)
			}
			in[i] = EventInput{ContactID: id, Type: typ, At: clk.Now()}
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

	// The deadlock: the test writes contact 1's tag, which engine 1's
	// batch waking journeys 1–10 also writes (it waits for the test's
	// transaction); then the test asks for journey 1, which that batch
	// holds.
	hold, err := admin.DB().Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback()
	if _, err := hold.Exec(`SET LOCAL deadlock_timeout = '10min'`); err != nil {
		t.Fatal(err)
	}
	if _, err := hold.Exec(`INSERT INTO contact_tags(contact_id, tag, added_at) VALUES (1, 'done', 0)`); err != nil {
		t.Fatal(err)
	}
	woke := make(chan error, 1)
	go func() {
		_, err := a.retryConflicts(t.Context(), a.processDue)
		woke <- err
	}()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(5 * time.Millisecond) {
		var waiting int
		admin.ReadDB().QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting)
		if waiting > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("engine 1 never waited for the test's tag")
		}
	}
	if _, err := hold.Exec(`SELECT id FROM enrollments WHERE contact_id = 1 FOR UPDATE`); err != nil {
		t.Fatal(err)
	}
	if err := hold.Rollback(); err != nil {
		t.Fatal(err)
	}
	if err := <-woke; err != nil {
		t.Fatalf("engine 1: %v", err)
	}
	if a.Conflicts() == 0 {
		t.Fatal("engine 1's batch was never failed by a deadlock: the test proved nothing")
	}

	// The race: engine 2 handles the pings while engine 1 wakes the rest.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, work := range []func() (Stats, error){
		func() (Stats, error) {
			// Always wait for the events lock: two readers never meet.
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
	if all := strings.Join(shown, " "); !strings.Contains(all, "ping:met") || !strings.Contains(all, "ping:timeout") {
		t.Errorf("the engines never raced: every journey went one way (%s)", strings.Join(shown, "; "))
	}
}
