package store

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkNamedQuery measures what calling a statement by name costs over
// running its text on the same connection (the floor): a read routed to the
// reader pool, and a write in a transaction.
func BenchmarkNamedQuery(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "ws.flightplan"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if err := s.SetSetting("k", "v"); err != nil {
		b.Fatal(err)
	}
	read := func(b *testing.B, run func() error) {
		for b.Loop() {
			if err := run(); err != nil {
				b.Fatal(err)
			}
		}
	}
	var v string
	b.Run("read/named", func(b *testing.B) {
		read(b, func() error { return s.QueryRow(ctx, "get-setting", "k").Scan(&v) })
	})
	b.Run("read/floor", func(b *testing.B) {
		text := query("get-setting").sql
		read(b, func() error { return s.r.QueryRowContext(ctx, text, "k").Scan(&v) })
	})
	write := func(b *testing.B, exec func(tx *Tx, i int) error) {
		tx, err := s.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		defer tx.Rollback()
		i := 0
		for b.Loop() {
			if err := exec(tx, i); err != nil {
				b.Fatal(err)
			}
			i++
		}
	}
	b.Run("write/named", func(b *testing.B) {
		write(b, func(tx *Tx, i int) error { _, err := tx.Exec(ctx, "set-setting", "w", i); return err })
	})
	b.Run("write/floor", func(b *testing.B) {
		text := query("set-setting").sql
		write(b, func(tx *Tx, i int) error { _, err := tx.tx.ExecContext(ctx, text, "w", i); return err })
	})
}
