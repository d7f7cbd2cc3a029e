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

const restoreN = 5000

// restoreRows are restoreN contacts as a workspace's contacts.csv gives
// them: two identity fields, a number field, a list and a tag.
func restoreRows() []RestoredContact {
	rs := make([]RestoredContact, restoreN)
	for i := range rs {
		rs[i] = RestoredContact{Values: map[string]string{"email": fmt.Sprintf("c%d@example.com", i), "first_name": "Ana", "company": fmt.Sprintf("co%d", i%10), "seats": fmt.Sprint(i % 50)},
			Lists: []string{"News"}, Tags: []string{"fair"}, Stage: "lead", CreatedAt: "2024-01-02T03:04:05Z"}
	}
	return rs
}

func restoreEngine(b *testing.B) *Engine {
	b.Helper()
	b.Setenv("FLIGHTPLAN_KEYRING", "off")
	eng, err := New(Options{Workspace: filepath.Join(b.TempDir(), "ws.flightplan")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	if err := eng.DefineField(context.Background(), contacts.FieldDef{Name: "seats", Type: contacts.TypeNumber}); err != nil {
		b.Fatal(err)
	}
	return eng
}

// BenchmarkRestoreContacts is `import workspace`'s contacts.csv: 5,000
// contacts checked, each with a list and a tag, in one transaction.
func BenchmarkRestoreContacts(b *testing.B) {
	rs := restoreRows()
	for b.Loop() {
		b.StopTimer()
		eng := restoreEngine(b)
		b.StartTimer()
		if added, _, err := eng.RestoreContacts(context.Background(), rs); err != nil || added != restoreN {
			b.Fatal(added, err)
		}
	}
}

// BenchmarkRestoreContactsFloor writes the same rows with no checks: the
// store's own inserts of contact, membership and tag, in one transaction.
func BenchmarkRestoreContactsFloor(b *testing.B) {
	ctx, now := context.Background(), time.Now()
	for b.Loop() {
		b.StopTimer()
		eng := restoreEngine(b)
		b.StartTimer()
		err := eng.Store.RunInTransaction(ctx, func(tx *store.Tx) error {
			for i := 0; i < restoreN; i++ {
				c := &contact.Contact{Email: fmt.Sprintf("c%d@example.com", i), Identity: map[string]string{"first_name": "Ana", "company": fmt.Sprintf("co%d", i%10)},
					Fields: map[string]any{"seats": float64(i % 50)}, Stage: "lead"}
				id, err := store.InsertContact(ctx, tx, c, now)
				if err != nil {
					return err
				}
				if _, err := store.AddToList(ctx, tx, id, "News", now); err != nil {
					return err
				}
				if _, err := store.AddTag(ctx, tx, id, "fair", now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
