package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// A teammate is added by name and address, kept in the workspace file,
// found again by id, and a bad address is refused with the reason.
func TestTeammates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ws.flightplan")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ana, err := s.AddTeammate("  Ana   Lima ", "ana@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if ana.Name != "Ana Lima" || ana.Email != "ana@example.com" || ana.ID == "" {
		t.Fatalf("added %+v", ana)
	}
	again, err := s.AddTeammate("Ana", "ANA@example.com")
	if err != nil || again.ID != ana.ID {
		t.Errorf("same address again: %+v, %v", again, err)
	}
	for _, bad := range []string{"ana", "ana@", "Ana <ana@example.com>", "ana@example", ""} {
		if _, err := s.AddTeammate("Ana", bad); !errors.Is(err, ErrTeammateEmail) {
			t.Errorf("address %q: %v, want %v", bad, err, ErrTeammateEmail)
		}
	}
	if _, err := s.AddTeammate(" ", "x@example.com"); !errors.Is(err, ErrTeammateName) {
		t.Errorf("no name: %v", err)
	}
	s.Close()
	s, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := s.Teammates()
	if err != nil || len(all) != 1 || all[0] != ana {
		t.Fatalf("after reopening: %+v, %v", all, err)
	}
	email, ok, err := TeammateEmail(context.Background(), s.ReadDB(), ana.ID)
	if err != nil || !ok || email != "ana@example.com" {
		t.Errorf("resolve %s: %q %v %v", ana.ID, email, ok, err)
	}
	if _, ok, err := TeammateEmail(context.Background(), s.ReadDB(), "tm_gone"); ok || err != nil {
		t.Errorf("a gone teammate resolved: %v %v", ok, err)
	}
}
