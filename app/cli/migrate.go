package cli

// flightplan migrate FROM TO copies a workspace between a SQLite file and
// PostgreSQL (either way): every table, ids kept, in one transaction on
// the target, then each table counted on both sides.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"flightplan/engine/store"
)

func migrateFlags(fs *flag.FlagSet) func(c *ctx, args []string) int {
	force := fs.Bool("force", false, "replace everything in a target workspace that already holds data")
	return func(c *ctx, args []string) int { return cmdMigrate(c, args, *force) }
}

func cmdMigrate(c *ctx, args []string, force bool) int {
	if len(args) != 2 {
		return c.usageErr("migrate", "migrate: name the workspace to copy and where to copy it: migrate FROM TO")
	}
	from, to := args[0], args[1]
	if from == to {
		return c.fail("migrate: FROM and TO are the same workspace (%s)", store.Redact(from))
	}
	if !store.IsURL(from) {
		if _, err := os.Stat(from); errors.Is(err, os.ErrNotExist) {
			return c.fail("migrate: %s: no workspace file there", from)
		} else if err != nil {
			// Most often a file in another user's home (run as the service's
			// user, `runuser -u flightplan`): say so rather than "not there".
			return c.fail("migrate: %s: this user cannot read it: %v", from, errors.Unwrap(err))
		}
	}
	// Both locks first: no engine may write to either while rows move.
	for _, ws := range []string{from, to} {
		l, err := store.LockWorkspace(ws, "flightplan migrate")
		if err != nil {
			return c.fail("migrate: %v", err)
		}
		defer l.Release()
	}
	src, err := store.Open(from)
	if err != nil {
		return c.fail("migrate: %v", err)
	}
	defer src.Close()
	dst, err := store.Open(to)
	if err != nil {
		return c.fail("migrate: %v", err)
	}
	defer dst.Close()
	counts, err := store.Copy(context.Background(), src, dst, force)
	if errors.Is(err, store.ErrTargetNotEmpty) {
		return c.fail("migrate: %s: %v", store.Redact(to), err)
	}
	if c.json {
		type row struct {
			Table  string `json:"table"`
			Source int64  `json:"source"`
			Target int64  `json:"target"`
		}
		out := struct {
			From   string `json:"from"`
			To     string `json:"to"`
			Tables []row  `json:"tables"`
			Error  string `json:"error,omitempty"`
		}{From: store.Redact(from), To: store.Redact(to), Tables: []row{}}
		for _, t := range counts {
			out.Tables = append(out.Tables, row{t.Table, t.From, t.To})
		}
		if err != nil {
			out.Error = err.Error()
		}
		c.emit(out)
		if err != nil {
			return 1
		}
		return 0
	}
	if err != nil && len(counts) == 0 {
		return c.fail("migrate: %v", err)
	}
	fmt.Fprintf(c.stdout, "%s → %s\n", store.Redact(from), store.Redact(to))
	width := len("table")
	for _, t := range counts {
		width = max(width, len(t.Table))
	}
	fmt.Fprintf(c.stdout, "%-*s  %10s  %10s\n", width, "table", "source", "target")
	var total int64
	for _, t := range counts {
		fmt.Fprintf(c.stdout, "%-*s  %10d  %10d\n", width, t.Table, t.From, t.To)
		total += t.From
	}
	if err != nil {
		return c.fail("migrate: %v", err)
	}
	fmt.Fprintf(c.stdout, "every table matches: %d rows copied\n", total)
	return 0
}
