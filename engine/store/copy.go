package store

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// TableCount is one table's rows on both sides of a copy.
type TableCount struct {
	Table    string
	From, To int64
}

// ErrTargetNotEmpty is returned by Copy when the target workspace already
// holds rows and force was not given.
var ErrTargetNotEmpty = errors.New("the target workspace is not empty")

// copyLast are the tables whose foreign keys name others: filled last.
var copyLast = map[string]int{"list_members": 1, "contact_tags": 1}

// Copy copies every row of every table of workspace from into workspace to
// (a SQLite file into PostgreSQL or the other way; both already opened,
// hence at the same schema version), keeping ids, in one transaction on
// the target. A target holding rows is refused unless force, which empties
// it first. It returns each table's count read back on both sides; a
// difference is an error.
func Copy(ctx context.Context, from, to *Store, force bool) ([]TableCount, error) {
	src, err := tableNames(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	dst, err := tableNames(ctx, to)
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	if strings.Join(src, ",") != strings.Join(dst, ",") {
		return nil, fmt.Errorf("the two workspaces do not have the same tables (source: %s; target: %s)", strings.Join(src, ", "), strings.Join(dst, ", "))
	}
	tables := src
	sort.SliceStable(tables, func(i, j int) bool { return copyLast[tables[i]] < copyLast[tables[j]] })

	if !force {
		for _, t := range tables {
			if t == "meta" {
				continue
			}
			n, err := countRows(ctx, to, t)
			if err != nil {
				return nil, fmt.Errorf("target: %w", err)
			}
			if n > 0 {
				return nil, fmt.Errorf("%w: table %s holds %d rows (--force replaces everything in it)", ErrTargetNotEmpty, t, n)
			}
		}
	}
	err = to.RunInTransaction(ctx, func(tx *Tx) error {
		// Children first when emptying, parents first when filling.
		for i := len(tables) - 1; i >= 0; i-- {
			t := tables[i]
			q := "DELETE FROM " + t
			if t == "meta" {
				// The target's own schema version and app name stay.
				q += " WHERE key NOT IN ('app', 'schema_version')"
			}
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("emptying %s: %w", t, err)
			}
		}
		for _, t := range tables {
			if err := copyTable(ctx, from, tx, t); err != nil {
				return err
			}
		}
		// The runner's mark says which events are handled in the
		// source's terms (an id, or xid:id on PostgreSQL, see events.go):
		// it is written again in the target's.
		if id, ok, err := eventsMarkAsID(ctx, from); err != nil {
			return fmt.Errorf("source: %w", err)
		} else if ok {
			return setCopiedEventsMark(ctx, tx, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []TableCount
	var bad []string
	for _, t := range tables {
		a, err := countRows(ctx, from, t)
		if err != nil {
			return out, fmt.Errorf("source: %w", err)
		}
		b, err := countRows(ctx, to, t)
		if err != nil {
			return out, fmt.Errorf("target: %w", err)
		}
		out = append(out, TableCount{Table: t, From: a, To: b})
		if a != b {
			bad = append(bad, fmt.Sprintf("%s: %d rows in the source, %d in the target", t, a, b))
		}
	}
	if len(bad) > 0 {
		return out, fmt.Errorf("the copy does not match: %s", strings.Join(bad, "; "))
	}
	return out, nil
}

// tableNames lists a workspace's tables, sorted.
func tableNames(ctx context.Context, s *Store) ([]string, error) {
	rows, err := s.Query(ctx, "list-tables")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out, rows.Err()
}

func countRows(ctx context.Context, s *Store, table string) (int64, error) {
	var n int64
	// table comes from the schema's own list (tableNames).
	if err := s.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		return 0, fmt.Errorf("counting %s: %w", table, err)
	}
	return n, nil
}

// copyTable streams one table's rows from the source into the target's
// transaction, in multi-row inserts.
func copyTable(ctx context.Context, from *Store, tx *Tx, table string) error {
	rows, err := from.QueryContext(ctx, "SELECT * FROM "+table+orderOf(table))
	if err != nil {
		return fmt.Errorf("reading %s: %w", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	// PostgreSQL takes a bytea parameter as text: hex, "\x…".
	binary := make([]bool, len(cols))
	for i, ct := range types {
		switch strings.ToUpper(ct.DatabaseTypeName()) {
		case "BLOB", "BYTEA":
			binary[i] = true
		}
	}
	where := ""
	if table == "meta" {
		where = " ON CONFLICT(key) DO NOTHING"
	}
	// An event's xid (PostgreSQL) names a transaction of the source's
	// server: the target gives its own (the copy's), or has none.
	skip := -1
	if table == "events" {
		skip = slices.Index(cols, "xid")
		if skip >= 0 {
			cols = slices.Delete(slices.Clone(cols), skip, skip+1)
			binary = slices.Delete(binary, skip, skip+1)
		}
	}
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + "),"
	per := max(1, min(500, 30000/len(cols)))
	head := "INSERT INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES "
	var args []any
	n := 0
	flush := func() error {
		if n == 0 {
			return nil
		}
		vals := strings.Repeat(tuple, n)
		if _, err := tx.ExecContext(ctx, head+vals[:len(vals)-1]+where, args...); err != nil {
			return fmt.Errorf("writing %s: %w", table, err)
		}
		args, n = args[:0], 0
		return nil
	}
	for rows.Next() {
		width := len(cols)
		if skip >= 0 {
			width++
		}
		vals := make([]any, width)
		ptrs := make([]any, width)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("reading %s: %w", table, err)
		}
		if skip >= 0 {
			vals = slices.Delete(vals, skip, skip+1)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				if binary[i] && tx.dialect == Postgres {
					vals[i] = `\x` + hex.EncodeToString(b)
				} else if binary[i] {
					vals[i] = append([]byte(nil), b...)
				} else {
					vals[i] = string(b)
				}
			}
		}
		args = append(args, vals...)
		if n++; n == per {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reading %s: %w", table, err)
	}
	return flush()
}

// orderOf keeps ids in order, so a table's rows arrive as they were made.
func orderOf(table string) string {
	switch table {
	case "meta", "settings":
		return " ORDER BY key"
	}
	return ""
}
