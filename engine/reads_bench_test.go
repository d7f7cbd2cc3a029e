package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"flightplan/engine/contact"
	"flightplan/engine/contacts"
	"flightplan/engine/store"
)

// readsBench is a workspace with 5,000 contacts, each with one journey in
// one funnel, for the read commands' benchmarks.
func readsBench(b *testing.B) *Engine {
	b.Helper()
	b.Setenv("FLIGHTPLAN_KEYRING", "off")
	eng, err := New(Options{Workspace: filepath.Join(b.TempDir(), "ws.flightplan")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	ctx, now := context.Background(), time.Now()
	tx, err := eng.Store.DB().Begin()
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < 5000; i++ {
		c := &contact.Contact{Email: fmt.Sprintf("c%d@example.com", i), Identity: map[string]string{"company": fmt.Sprintf("co%d", i%10)}}
		id, err := store.InsertContact(ctx, tx, c, now)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO enrollments(flow_id,version,contact_id,run,node,status,wake_at,wait_event,entered_at,updated_at) VALUES('f',1,?,1,'w','waiting',?,'buy',?,?)`,
			id, store.MS(now), store.MS(now), store.MS(now)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return eng
}

// BenchmarkReadJourneys reads every journey of the funnel (what
// `flightplan journeys --flow` does); its floor reads the same rows and
// columns straight from SQLite.
func BenchmarkReadJourneys(b *testing.B) {
	eng := readsBench(b)
	ctx := context.Background()
	eng.Store.DB().Exec(`INSERT INTO flows(id,name,draft,created_at,updated_at) VALUES('f','f','{}',0,0)`)
	b.Run("journeys", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			js, err := eng.Journeys(ctx, JourneyQuery{Flow: "f"})
			if err != nil || len(js) != 5000 {
				b.Fatal(len(js), err)
			}
		}
	})
	b.Run("floor-raw-sqlite", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rows, err := eng.Store.DB().Query(`SELECT e.id, e.flow_id, e.version, e.contact_id, c.email, e.node, e.status, e.entered_at, e.updated_at, e.wake_at, e.wait_event, e.error FROM enrollments e JOIN contacts c ON c.id=e.contact_id WHERE e.flow_id='f'`)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var id, cid, ver, ent, upd, wake int64
				var flow, email, node, status, wev, e string
				rows.Scan(&id, &flow, &ver, &cid, &email, &node, &status, &ent, &upd, &wake, &wev, &e)
				n++
			}
			rows.Close()
			if n != 5000 {
				b.Fatal(n)
			}
		}
	})
}

// BenchmarkContactsWhereField filters by a field (`contacts list --field
// company=co3`); its floor is the same listing with no field filter.
func BenchmarkContactsWhereField(b *testing.B) {
	eng := readsBench(b)
	ctx := context.Background()
	b.Run("field", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rows, err := eng.ContactsWhere(ctx, contacts.ListQuery{}, map[string]string{"company": "co3"})
			if err != nil || len(rows) != 500 {
				b.Fatal(len(rows), err)
			}
		}
	})
	b.Run("floor-list-all", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rows, err := eng.ContactsWhere(ctx, contacts.ListQuery{}, nil)
			if err != nil || len(rows) != 5000 {
				b.Fatal(len(rows), err)
			}
		}
	})
}
