package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"flightplan/engine/contact"
)

// A workspace file holding one contact (id 1) moved to PostgreSQL: the
// next contact the team workspace numbers itself (the intake, the window)
// gets a new id, not 1 again (the sequence, never used, gave 1 next while
// the bump saw nothing past it).
func TestMigratedWorkspaceNumbersItsNextContact(t *testing.T) {
	ctx := context.Background()
	file, err := Open(filepath.Join(t.TempDir(), "client.flightplan"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	now := time.Now()
	if _, err := InsertContact(ctx, file.DB(), &contact.Contact{Email: "ann@example.com"}, now); err != nil {
		t.Fatal(err)
	}
	pg, _ := openPGStore(t)
	if _, err := Copy(ctx, file, pg, false); err != nil {
		t.Fatal(err)
	}
	id, err := InsertContact(ctx, pg.DB(), &contact.Contact{Email: "bea@example.com"}, now)
	if err != nil {
		t.Fatalf("the first contact made after the move: %v", err)
	}
	if id != 2 {
		t.Fatalf("the first contact made after the move has id %d, want 2", id)
	}
}
