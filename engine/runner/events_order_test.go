package runner

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"flightplan/engine/clock"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
	"flightplan/engine/store"
	"flightplan/engine/store/pgtest"
)

// hitFlow starts a journey for every "hit" event, which ends at once: one
// journey per event handled.
const hitFlow = `{
  "format": "flightplan.flow/v1", "id": "hits", "name": "Hits",
  "settings": {"reentry": "always"},
  "nodes": [
    {"id": "start", "type": "trigger.event", "config": {"event_type": "hit"}},
    {"id": "end", "type": "exit"}
  ],
  "edges": [{"from": "start", "to": "end"}]
}`

// Two engines write events for different contacts at the same time, with
// no lock between them, each in transactions that stay open a moment after
// their events got their ids (so ids commit out of order), while a third
// engine handles events as they come. Every event is handled once: none
// passed over because it committed below an id already handled, none
// handled twice. Reading events in id order above the mark, without the
// horizon (store/events.go), passes over hundreds of them.
func TestEventsWrittenByTwoEnginesAreHandledOnce(t *testing.T) {
	const (
		writers  = 2
		txs      = 150 // per writer
		perTx    = 2   // events per transaction
		contacts = 40  // per writer
	)
	url := pgtest.Database(t)
	admin, err := store.Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	f, err := flow.Parse("hits", []byte(hitFlow))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Publish(f, "", t0); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.DB().Exec(`INSERT INTO contacts(email, created_at, updated_at) SELECT 'c'||i||'@example.com', 0, 0 FROM generate_series(1, CAST(? AS BIGINT)) AS g(i)`, writers*contacts); err != nil {
		t.Fatal(err)
	}
	clk := clock.NewVirtual(t0)
	reader := secondRunner(t, url, clk, time.Minute)
	if _, err := reader.RunOnce(t.Context()); err != nil { // the mark starts past nothing
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	var writing atomic.Int32
	writing.Store(writers)
	errs := make([]error, writers)
	for w := range writers {
		st, err := store.Open(url)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer writing.Add(-1)
			errs[w] = func() error {
				for i := range txs {
					tx, err := st.Begin(t.Context())
					if err != nil {
						return err
					}
					for k := range perTx {
						// Writer w's contacts: w+1, w+1+writers… (never the other's).
						cid := int64(w + 1 + writers*((i*perTx+k)%contacts))
						if _, err := store.InsertEvent(t.Context(), tx, &contact.Event{ContactID: cid, Type: "hit"}, t0, "test"); err != nil {
							tx.Rollback()
							return err
						}
						// Open a moment after each id was given: the
						// other writer's later ids commit first.
						time.Sleep(time.Duration(rand.N(2000)) * time.Microsecond)
					}
					if err := tx.Commit(); err != nil {
						return err
					}
				}
				return nil
			}()
		}()
	}
	handledWhileWriting := 0
	for writing.Load() > 0 {
		s, err := reader.retryConflicts(t.Context(), reader.processEvents)
		if err != nil {
			t.Fatal(err)
		}
		handledWhileWriting += s.Events
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: %v", w, err)
		}
	}
	if _, err := reader.RunOnce(t.Context()); err != nil {
		t.Fatal(err)
	}

	// One journey per event, contact by contact.
	rows, err := admin.ReadDB().Query(`SELECT e.contact_id, count(DISTINCT e.id), (SELECT count(*) FROM enrollments j WHERE j.contact_id = e.contact_id)
		FROM events e WHERE e.type = 'hit' GROUP BY e.contact_id ORDER BY e.contact_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var events, journeys int
	var wrong []string
	for rows.Next() {
		var cid int64
		var ev, jn int
		if err := rows.Scan(&cid, &ev, &jn); err != nil {
			t.Fatal(err)
		}
		events += ev
		journeys += jn
		if ev != jn {
			wrong = append(wrong, fmt.Sprintf("contact %d: %d events, %d journeys", cid, ev, jn))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	// Writers' transactions overlapped: a later id of a transaction that
	// began writing earlier (a smaller xid).
	var crossed int
	if err := admin.ReadDB().QueryRow(`SELECT count(*) FROM (SELECT xid < lag(xid) OVER (ORDER BY id) AS c FROM events) AS s WHERE c`).Scan(&crossed); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d events written, %d journeys started (%d events handled while the writers wrote; %d ids given out of their transactions' order)", events, journeys, handledWhileWriting, crossed)
	if events != writers*txs*perTx {
		t.Errorf("%d events stored, want %d", events, writers*txs*perTx)
	}
	if len(wrong) > 0 {
		t.Errorf("%d contacts' events were passed over or handled twice (%d events, %d journeys), e.g. %v", len(wrong), events, journeys, wrong[:min(3, len(wrong))])
	}
	if handledWhileWriting == 0 {
		t.Errorf("no event was handled while the writers wrote: the test proved nothing")
	}
}
