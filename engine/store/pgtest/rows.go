package pgtest

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Rows is a benchmark floor's raw insert through pgx: rows buffered and
// written 100 to a statement ($n placeholders, prepared once per text by
// pgx's cache), as the engine's row buffers write them. The floors of the
// runner's PostgreSQL benchmarks and of the engine-process scaling
// benchmark share it, so the same rows cost the same in both.
type Rows struct {
	head, tail string
	cols       int
	// cast, when set, writes one row's placeholders (an UPDATE … FROM
	// (VALUES …) needs its columns typed); r is the row's first $n minus 1.
	cast func(r int) string
	vals []any
}

// NewRows buffers inserts into table's cols; tail follows the VALUES (an
// ON CONFLICT clause, or "").
func NewRows(table string, cols []string, tail string) *Rows {
	return &Rows{head: "INSERT INTO " + table + "(" + strings.Join(cols, ", ") + ") VALUES ", tail: tail, cols: len(cols)}
}

// NewScoreRows buffers contacts' new scores (id, score, temperature,
// updated_at): one UPDATE … FROM (VALUES …) per 100 contacts, typed by
// casts, as the engine writes them.
func NewScoreRows() *Rows {
	return &Rows{head: "UPDATE contacts SET score=v.s, temperature=v.t, updated_at=v.u FROM (VALUES ", tail: ") AS v(id, s, t, u) WHERE contacts.id = v.id", cols: 4,
		cast: func(r int) string {
			return fmt.Sprintf("($%d::bigint,$%d::float8,$%d,$%d::bigint)", r+1, r+2, r+3, r+4)
		}}
}

// Add buffers one row, writing the buffer once it holds 100.
func (f *Rows) Add(ctx context.Context, tx pgx.Tx, vals ...any) error {
	if len(vals) != f.cols {
		return fmt.Errorf("%s: %d values for %d columns", f.head, len(vals), f.cols)
	}
	f.vals = append(f.vals, vals...)
	if len(f.vals) == 100*f.cols {
		return f.Flush(ctx, tx)
	}
	return nil
}

// Flush writes the buffered rows.
func (f *Rows) Flush(ctx context.Context, tx pgx.Tx) error {
	n := len(f.vals) / f.cols
	if n == 0 {
		return nil
	}
	var sb strings.Builder
	sb.WriteString(f.head)
	for r := 0; r < n; r++ {
		if r > 0 {
			sb.WriteByte(',')
		}
		if f.cast != nil {
			sb.WriteString(f.cast(r * f.cols))
			continue
		}
		sb.WriteByte('(')
		for c := 0; c < f.cols; c++ {
			if c > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, "$%d", r*f.cols+c+1)
		}
		sb.WriteByte(')')
	}
	sb.WriteString(" " + f.tail)
	if _, err := tx.Exec(ctx, sb.String(), f.vals...); err != nil {
		return fmt.Errorf("%s…: %w", f.head, err)
	}
	f.vals = f.vals[:0]
	return nil
}
