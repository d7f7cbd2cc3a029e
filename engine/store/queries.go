package store

import (
	"bufio"
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// The workspace's SQL lives in queries/*.sql, one file per domain, as named
// blocks (listmonk's layout):
//
//	-- name: get-contact
//	-- optional comment lines
//	SELECT ... FROM contacts WHERE id=?;
//
// A block runs from its "-- name:" line to the next one. Go code names the
// statement ("get-contact"). The files are parsed when the program starts
// and every block is prepared by the first Open, so a malformed file or a
// statement SQLite refuses stops start-up with its name, file and line
// rather than failing on the day its code path first runs. A name used in
// Go but missing from the files fails TestQueryNames (and, at run time,
// panics with the name).
//
// Statements built at run time (the segment compiler, multi-row inserts, IN
// lists) stay in Go and run through the same routing: ExecContext,
// QueryContext and QueryRowContext on the Store or a Tx.

//go:embed queries/*.sql
var queryFiles embed.FS

// namedQuery is one block of a queries/*.sql file.
type namedQuery struct {
	name string
	file string // engine/store/queries/flows.sql
	line int    // of the "-- name:" line
	sql  string
	// readOnly is SQLite's own answer (sqlite3_stmt_readonly), taken when
	// the statement is prepared: a read goes to the reader pool, anything
	// else to the writer.
	readOnly bool
}

func (q *namedQuery) where() string { return fmt.Sprintf("query %q (%s:%d)", q.name, q.file, q.line) }

var (
	// queries is every named query, by name, parsed once at init; a file
	// that cannot be parsed leaves queriesErr, which Open returns.
	queries    map[string]*namedQuery
	queriesErr error
)

func init() { queries, queriesErr = parseQueryFiles(queryFiles, "queries") }

var (
	nameLine  = regexp.MustCompile(`^--\s*name:\s*(.*?)\s*$`)
	queryName = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
)

// parseQueryFiles reads every .sql file under dir of fsys into named queries.
func parseQueryFiles(fsys fs.FS, dir string) (map[string]*namedQuery, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("named queries: %w", err)
	}
	out := map[string]*namedQuery{}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		body, err := fs.ReadFile(fsys, dir+"/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("named queries: %w", err)
		}
		if err := parseQueries(out, "engine/store/"+dir+"/"+e.Name(), string(body)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parseQueries adds the blocks of one file to out. Text before the first
// name may only be comments; a name must be lower-case words joined by
// dashes, unique across files; a block holds exactly one statement.
func parseQueries(out map[string]*namedQuery, file, body string) error {
	var cur *namedQuery
	var sb strings.Builder
	finish := func() error {
		if cur == nil {
			return nil
		}
		stmt := strings.TrimSpace(sb.String())
		sb.Reset()
		stmt = strings.TrimSpace(strings.TrimSuffix(stmt, ";"))
		if onlyComments(stmt) {
			return fmt.Errorf("%s: no statement", cur.where())
		}
		if i := statementEnd(stmt); i >= 0 {
			return fmt.Errorf("%s: more than one statement (a \";\" at line %d); give each its own name", cur.where(), cur.line+strings.Count(stmt[:i], "\n")+1)
		}
		cur.sql = stmt
		out[cur.name] = cur
		return nil
	}
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if m := nameLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			if err := finish(); err != nil {
				return err
			}
			name := m[1]
			if !queryName.MatchString(name) {
				return fmt.Errorf("%s:%d: query name %q: use lower-case words joined by dashes (get-contact)", file, n, name)
			}
			if prev, dup := out[name]; dup {
				return fmt.Errorf("%s:%d: query name %q is already used at %s:%d", file, n, name, prev.file, prev.line)
			}
			cur = &namedQuery{name: name, file: file, line: n}
			// A placeholder keeps the duplicate check within one file.
			out[name] = cur
			continue
		}
		if cur == nil {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "--") {
				return fmt.Errorf("%s:%d: a statement before the first \"-- name:\" line", file, n)
			}
			continue
		}
		sb.WriteString(line)
		sb.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return finish()
}

// onlyComments tells whether a block has no SQL besides "--" comments.
func onlyComments(stmt string) bool {
	for _, l := range strings.Split(stmt, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "--") {
			return false
		}
	}
	return true
}

// statementEnd returns the offset of a ";" outside quotes and comments, or
// -1: a block with one is two statements, and a prepared statement would
// silently run only the first.
func statementEnd(stmt string) int {
	for i := 0; i < len(stmt); i++ {
		switch c := stmt[i]; c {
		case '\'', '"', '`':
			j := strings.IndexByte(stmt[i+1:], c)
			if j < 0 {
				return -1
			}
			i += j + 1
		case '-':
			if i+1 < len(stmt) && stmt[i+1] == '-' {
				j := strings.IndexByte(stmt[i:], '\n')
				if j < 0 {
					return -1
				}
				i += j
			}
		case ';':
			return i
		}
	}
	return -1
}

// query returns a named query; an unknown name is a programming error that
// TestQueryNames catches, so it panics with the name.
func query(name string) *namedQuery {
	q := queries[name]
	if q == nil {
		panic(fmt.Sprintf("store: no named query %q in engine/store/queries/*.sql", name))
	}
	return q
}

// prepareQueries prepares every named query on the writer connection: a
// statement that SQLite refuses (a typo, a missing column) stops Open with
// its name, file and line, and each query learns from SQLite whether it
// only reads.
//
// This is done by the first Open of the process that succeeds: every
// workspace it opens has just been brought to the same schema by the same
// embedded migrations, so preparing again would find the same answers and
// add about two milliseconds (140 statements) to every later Open. After
// that, each connection prepares a statement the first time it runs it and
// keeps it in its statement cache.
func (s *Store) prepareQueries(ctx context.Context) error {
	if queriesErr != nil {
		return queriesErr
	}
	if queriesChecked.Load() {
		return nil
	}
	ro, err := s.prepareAll(ctx, queries)
	if err != nil {
		return err
	}
	// The answer is the same for every workspace; the first Open to
	// prepare everything records it, before any Store can route.
	routeOnce.Do(func() {
		for q, v := range ro {
			q.readOnly = v
		}
	})
	queriesChecked.Store(true)
	return nil
}

// queriesChecked is set once every named query has prepared.
var queriesChecked atomic.Bool

// prepareAll prepares qs on the writer (see prepareQueries) and returns
// which of them only read.
func (s *Store) prepareAll(ctx context.Context, qs map[string]*namedQuery) (map[*namedQuery]bool, error) {
	names := make([]string, 0, len(qs))
	for n := range qs {
		names = append(names, n)
	}
	sort.Strings(names)
	c, err := s.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	ro := make(map[*namedQuery]bool, len(names))
	return ro, c.Raw(func(dc any) error {
		conn, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("named queries: the writer is a %T, not SQLite", dc)
		}
		for _, n := range names {
			q := qs[n]
			st, err := conn.Prepare(q.sql)
			if err != nil {
				return fmt.Errorf("%s: %w", q.where(), err)
			}
			ro[q] = st.(*sqlite3.SQLiteStmt).Readonly()
			st.Close()
		}
		return nil
	})
}

var routeOnce sync.Once

// Querier is what runs SQL text: a *sql.DB, a *sql.Tx, a Tx, the Store
// (which routes reads to the reader pool and writes to the writer), or the
// runner's batch. Statements built at run time go through it; fixed
// statements are named queries (Named).
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Named runs the named queries of queries/*.sql: the Store (routed), a Tx,
// or With(q) over any Querier.
type Named interface {
	Exec(ctx context.Context, name string, args ...any) (sql.Result, error)
	Query(ctx context.Context, name string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, name string, args ...any) *sql.Row
}

// With runs named queries on q: the transaction or connection q stands
// for, whatever the statement does. On a *Store, prefer its own methods.
// Over a wrapper of a Tx, it sends the SQLite text, which the Tx turns
// into its PostgreSQL variant (Dialect.sql).
func With(q Querier) Named {
	switch v := q.(type) {
	case *Store:
		return v
	case *Tx:
		return v
	}
	return on{q}
}

type on struct{ q Querier }

func (o on) Exec(ctx context.Context, name string, args ...any) (sql.Result, error) {
	return o.q.ExecContext(ctx, query(name).sql, args...)
}

func (o on) Query(ctx context.Context, name string, args ...any) (*sql.Rows, error) {
	return o.q.QueryContext(ctx, query(name).sql, args...)
}

func (o on) QueryRow(ctx context.Context, name string, args ...any) *sql.Row {
	return o.q.QueryRowContext(ctx, query(name).sql, args...)
}

// Exec runs a named statement on the writer.
func (s *Store) Exec(ctx context.Context, name string, args ...any) (sql.Result, error) {
	return s.w.ExecContext(ctx, s.dialect.named(name).sql, args...)
}

// Query runs a named query: on the reader pool when it only reads, on the
// writer when it writes (INSERT ... RETURNING).
func (s *Store) Query(ctx context.Context, name string, args ...any) (*sql.Rows, error) {
	q := s.dialect.named(name)
	return s.pool(q).QueryContext(ctx, q.sql, args...)
}

// QueryRow runs a named query expected to return at most one row, routed
// as Query.
func (s *Store) QueryRow(ctx context.Context, name string, args ...any) *sql.Row {
	q := s.dialect.named(name)
	return s.pool(q).QueryRowContext(ctx, q.sql, args...)
}

func (s *Store) pool(q *namedQuery) *sql.DB {
	if q.readOnly {
		return s.r
	}
	return s.w
}

// ExecContext runs a statement built at run time on the writer.
func (s *Store) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.w.ExecContext(ctx, query, args...)
}

// QueryContext runs a query built at run time on the reader pool (it must
// only read: the readers are read-only connections).
func (s *Store) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.r.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query built at run time on the reader pool.
func (s *Store) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return s.r.QueryRowContext(ctx, query, args...)
}

// Tx is a transaction on the writer (BEGIN IMMEDIATE: it holds the write
// lock from its start, so it never fails half-way on a busy upgrade). Its
// reads see its own writes.
type Tx struct {
	tx      *sql.Tx
	dialect Dialect
}

// Begin starts a transaction on the writer; the caller commits or rolls
// back. Most code wants RunInTransaction.
func (s *Store) Begin(ctx context.Context) (*Tx, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &Tx{tx: tx, dialect: s.dialect}, nil
}

// RunInTransaction runs fn in a transaction on the writer and commits when
// fn returns nil; an error (or a panic) from fn rolls it back.
func (s *Store) RunInTransaction(ctx context.Context, fn func(tx *Tx) error) (err error) {
	tx, err := s.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Commit commits the transaction.
func (t *Tx) Commit() error { return t.tx.Commit() }

// Rollback abandons the transaction (a no-op after Commit).
func (t *Tx) Rollback() error { return t.tx.Rollback() }

// Exec runs a named statement in the transaction.
func (t *Tx) Exec(ctx context.Context, name string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.dialect.named(name).sql, args...)
}

// Query runs a named query in the transaction.
func (t *Tx) Query(ctx context.Context, name string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.dialect.named(name).sql, args...)
}

// QueryRow runs a one-row named query in the transaction.
func (t *Tx) QueryRow(ctx context.Context, name string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.dialect.named(name).sql, args...)
}

// Prepare prepares a named statement for a loop inside the transaction;
// it is closed with the transaction.
func (t *Tx) Prepare(ctx context.Context, name string) (*sql.Stmt, error) {
	return t.tx.PrepareContext(ctx, t.dialect.named(name).sql)
}

// PrepareContext prepares a statement built at run time (a multi-row
// insert of a given width) inside the transaction.
func (t *Tx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return t.tx.PrepareContext(ctx, query)
}

// ExecContext runs a statement built at run time in the transaction.
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, query, args...)
}

// QueryContext runs a query built at run time in the transaction.
func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query built at run time in the transaction.
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, query, args...)
}
