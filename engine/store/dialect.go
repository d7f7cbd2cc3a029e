package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	sqlite3 "github.com/mattn/go-sqlite3"
)

// Dialect is the database a workspace lives in.
type Dialect int

const (
	// SQLite: one workspace is one file.
	SQLite Dialect = iota
	// Postgres: a workspace is a PostgreSQL database, addressed by a
	// postgres:// URL.
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "PostgreSQL"
	}
	return "SQLite"
}

// IsURL tells whether a workspace is a PostgreSQL URL (postgres:// or
// postgresql://) rather than a file path.
func IsURL(workspace string) bool {
	return strings.HasPrefix(workspace, "postgres://") || strings.HasPrefix(workspace, "postgresql://")
}

// Redact returns a workspace for display: a URL without its password.
func Redact(workspace string) string {
	if !IsURL(workspace) {
		return workspace
	}
	u, err := url.Parse(workspace)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// Dialecter is what knows its dialect: the Store, a Tx, and the wrappers
// other packages build around a Tx (they forward the question). Code that
// builds SQL at run time asks DialectOf where it must differ.
type Dialecter interface{ Dialect() Dialect }

// DialectOf returns q's dialect: a Dialecter's, a *sql.DB's by its driver
// (a test's Store.DB()), else SQLite.
func DialectOf(q any) Dialect {
	switch v := q.(type) {
	case Dialecter:
		return v.Dialect()
	case *sql.DB:
		if _, ok := v.Driver().(pgDriver); ok {
			return Postgres
		}
	}
	return SQLite
}

// Dialect returns the workspace's database.
func (s *Store) Dialect() Dialect { return s.dialect }

// Dialect returns the transaction's database.
func (t *Tx) Dialect() Dialect { return t.dialect }

// The PostgreSQL side of the named queries and migrations.
//
// Migrations: migrations/pg/NNN_*.sql, one for each SQLite migration with
// the same number, so meta.schema_version means the same in both.
//
// Named queries: the SQLite text is the default; a block of the same name
// in queries/pg/*.sql replaces it for PostgreSQL. Every text then has its
// placeholders rebound, "?" and "?N" to "$N". The PostgreSQL schema defines
// the few SQLite functions the shared SQL uses (json_extract returning
// text, json_valid, group_concat, the nocase collation, see
// migrations/pg/001_init.sql), so only statements whose meaning differs
// need a variant.
//
// Every statement reaches PostgreSQL through the "flightplan-pgx" driver, a
// thin wrapper of pgx's database/sql driver that does this translation (a
// named query's SQLite text to its variant, placeholders rebound, cached by
// text) and turns bool arguments into 0 or 1: so SQL built at run time,
// prepared statements and even a test's raw *sql.DB speak SQLite's
// placeholders on both. PostgreSQL gives each parameter the type its place
// in the statement wants, as SQLite's loose typing does. Most statements
// are sent with their parameters as text of unknown type (pgx's "exec"
// mode): each is parsed where it runs. The named queries and the
// statements marked Repeated (the runner's full multi-row inserts) run
// again and again with the same text: those are prepared once per
// connection and cached by pgx ("cache_statement"), and pgx writes each
// Go value in the type PostgreSQL gave its parameter (a string as the
// text of any type; a number in a text place as its decimal text, see
// looseText). Caching every statement was three times slower: the texts
// built at run time (IN lists, the last rows of a buffer) vary, and each
// new one costs a prepare. (One consequence of the rebinding: the SQL
// never uses PostgreSQL's jsonb "?" operators.)

//go:embed migrations/pg/*.sql
var pgMigrations embed.FS

//go:embed queries/pg/*.sql
var pgQueryFiles embed.FS

var (
	pgOverrides    map[string]*namedQuery // queries/pg blocks, by name
	pgOverridesErr error
	pgOnce         sync.Once
	pgByName       map[string]*namedQuery // every named query, PostgreSQL text
	pgByBase       map[string]string      // SQLite text -> PostgreSQL text
	pgNamed        map[string]bool        // every named query's PostgreSQL text
)

// repeated holds the statements built at run time that Repeated marked,
// in their PostgreSQL text.
var repeated sync.Map

// Repeated marks SQL built at run time that runs many times with this very
// text (a full multi-row insert): on PostgreSQL it is prepared once per
// connection and cached (see the dialect notes). It returns q.
func Repeated(q string) string {
	if _, ok := repeated.Load(q); !ok {
		repeated.Store(q, true)
		repeated.Store(Postgres.sql(q), true)
	}
	return q
}

// cached tells whether a statement, in its PostgreSQL text, is prepared
// and cached rather than parsed where it runs.
func cached(pgText string) bool {
	if pgNamed[pgText] {
		return true
	}
	_, ok := repeated.Load(pgText)
	return ok
}

func init() {
	pgOverrides, pgOverridesErr = parseQueryFiles(pgQueryFiles, "queries/pg")
}

// pgQueries builds the PostgreSQL text of every named query, once.
func pgQueries() (map[string]*namedQuery, error) {
	if queriesErr != nil {
		return nil, queriesErr
	}
	if pgOverridesErr != nil {
		return nil, pgOverridesErr
	}
	pgOnce.Do(func() {
		pgByName = make(map[string]*namedQuery, len(queries))
		pgByBase = make(map[string]string, len(queries))
		pgNamed = make(map[string]bool, len(queries))
		for name, q := range queries {
			src := q
			if o := pgOverrides[name]; o != nil {
				src = o
			}
			pq := &namedQuery{name: name, file: src.file, line: src.line, sql: rebind(src.sql)}
			pq.readOnly = startsWithSelect(pq.sql)
			pgByName[name] = pq
			pgByBase[q.sql] = pq.sql
			pgNamed[pq.sql] = true
		}
	})
	return pgByName, nil
}

// startsWithSelect routes a PostgreSQL named query: a SELECT (not one
// ending FOR UPDATE) reads; anything else goes to the writer.
func startsWithSelect(q string) bool {
	for _, l := range strings.Split(q, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		u := strings.ToUpper(t)
		return strings.HasPrefix(u, "SELECT") && !strings.Contains(strings.ToUpper(q), "FOR UPDATE")
	}
	return false
}

// pgQuery returns a named query's PostgreSQL text.
func pgQuery(name string) *namedQuery {
	qs, err := pgQueries()
	if err != nil {
		panic(err)
	}
	q := qs[name]
	if q == nil {
		panic(fmt.Sprintf("store: no named query %q in engine/store/queries/*.sql", name))
	}
	return q
}

// text returns the statement to send for a named query.
func (d Dialect) named(name string) *namedQuery {
	if d == Postgres {
		return pgQuery(name)
	}
	return query(name)
}

var (
	rebound      sync.Map // SQL built at run time -> its PostgreSQL text
	reboundCount atomic.Int64
)

// sql returns the statement to send for SQL text: on PostgreSQL, a named
// query's SQLite text becomes its PostgreSQL variant (With(q) over a
// wrapper passes the SQLite text down), and anything else is rebound.
func (d Dialect) sql(q string) string {
	if d != Postgres {
		return q
	}
	if _, err := pgQueries(); err == nil {
		if p, ok := pgByBase[q]; ok {
			return p
		}
	}
	if p, ok := rebound.Load(q); ok {
		return p.(string)
	}
	p := rebind(q)
	// The segment compiler's texts vary with the rules: keep a bounded
	// number.
	if reboundCount.Add(1) < 20000 {
		rebound.Store(q, p)
	}
	return p
}

// rebind turns SQLite placeholders into PostgreSQL ones: "?" is numbered in
// order, "?N" becomes "$N". Quoted text and comments are left alone.
func rebind(q string) string {
	if strings.IndexByte(q, '?') < 0 {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(q[i+1:], c)
			if j < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+j+2])
			i += j + 1
		case c == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case c == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			b.WriteByte('$')
			if j > i+1 {
				b.WriteString(q[i+1 : j])
			} else {
				n++
				b.WriteString(strconv.Itoa(n))
			}
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// openPG opens a PostgreSQL workspace: the database must exist (an empty
// one becomes a new workspace); a database holding other tables and no
// Flightplan meta table is refused and left untouched.
func openPG(workspace string) (*Store, error) {
	shown := Redact(workspace)
	dsn, err := pgDSN(workspace)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", shown, err)
	}
	// One writer, as on SQLite: the runner's transactions give new rows
	// max(id)+1 and rely on nobody else inserting meanwhile.
	w, err := sql.Open(pgDriverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", shown, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	r, err := sql.Open(pgDriverName, dsn)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("workspace %s: %w", shown, err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(4)
	s := &Store{Path: workspace, w: w, r: r, dialect: Postgres}
	if err := w.PingContext(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("workspace %s: %w", shown, err)
	}
	if err := s.migratePG(); err != nil {
		s.Close()
		return nil, fmt.Errorf("workspace %s: %w", shown, err)
	}
	if err := s.preparePG(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("workspace %s: %w", shown, err)
	}
	return s, nil
}

// pgDSN adds the driver options the store relies on to a workspace URL:
// statements sent as they are (pgx's "exec" mode), but for those that run
// again and again with the same text, prepared once per connection (see
// the dialect notes above).
func pgDSN(workspace string) (string, error) {
	u, err := url.Parse(workspace)
	if err != nil {
		return "", fmt.Errorf("not a valid postgres:// URL: %w", err)
	}
	q := u.Query()
	// A URL may ask for "exec" everywhere: behind a pooler that cannot
	// keep prepared statements (PgBouncer in transaction mode).
	caching := q.Get("default_query_exec_mode") == ""
	if caching {
		q.Set("default_query_exec_mode", "exec")
	} else if q.Get("default_query_exec_mode") == "exec" && q.Get("statement_cache_capacity") == "" {
		// Told apart from the default by its text (see cachingDSN).
		q.Set("statement_cache_capacity", "0")
	}
	if q.Get("application_name") == "" {
		q.Set("application_name", "flightplan")
	}
	// pgx reads "+" literally: spaces go as %20.
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	dsn := u.String()
	if caching {
		cachingDSN.Store(dsn, true)
	}
	return dsn, nil
}

// cachingDSN holds the connection strings whose connections prepare and
// cache the statements that repeat (those whose URL names no mode).
var cachingDSN sync.Map

func pgMigrationNames() []string {
	ents, _ := fs.ReadDir(pgMigrations, "migrations/pg")
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func (s *Store) migratePG() error {
	ctx := context.Background()
	w := With(s)
	var tables, hasMeta int
	if err := w.QueryRow(ctx, "count-tables").Scan(&tables); err != nil {
		return err
	}
	if err := w.QueryRow(ctx, "has-meta").Scan(&hasMeta); err != nil {
		return err
	}
	cur := 0
	if tables > 0 {
		var app, ver string
		if hasMeta == 0 || w.QueryRow(ctx, "get-meta", "app").Scan(&app) != nil || app != AppID {
			return fmt.Errorf("%w (a PostgreSQL database of another program: it holds tables and no Flightplan workspace)", ErrNotWorkspace)
		}
		if err := w.QueryRow(ctx, "get-meta", "schema_version").Scan(&ver); err != nil {
			return fmt.Errorf("reading schema version: %w", err)
		}
		cur, _ = strconv.Atoi(ver)
	}
	names := pgMigrationNames()
	if len(names) != len(migrationNames()) {
		return fmt.Errorf("this build has %d SQLite migrations and %d PostgreSQL ones (engine/store/migrations/pg): each needs its twin", len(migrationNames()), len(names))
	}
	if cur > len(names) {
		return fmt.Errorf("%w (schema %d, this version knows %d): update Flightplan to open it", ErrTooNew, cur, len(names))
	}
	for i, name := range names {
		if i < cur {
			continue
		}
		body, err := pgMigrations.ReadFile("migrations/pg/" + name)
		if err != nil {
			return err
		}
		tx, err := s.Begin(ctx)
		if err != nil {
			return err
		}
		// The body as it is (no rebinding: it holds function bodies).
		if _, err := tx.tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration pg/%s: %w", name, err)
		}
		if _, err := tx.Exec(ctx, "set-app-and-schema-version", AppID, strconv.Itoa(i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration pg/%s: %w", name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration pg/%s: %w", name, err)
		}
	}
	return nil
}

var pgChecked atomic.Bool

// preparePG prepares every named query's PostgreSQL text once per process,
// so a statement PostgreSQL refuses stops Open with its name, file and line.
func (s *Store) preparePG(ctx context.Context) error {
	qs, err := pgQueries()
	if err != nil {
		return err
	}
	if pgChecked.Load() {
		return nil
	}
	if err := s.prepareAllPG(ctx, qs); err != nil {
		return err
	}
	pgChecked.Store(true)
	return nil
}

func (s *Store) prepareAllPG(ctx context.Context, qs map[string]*namedQuery) error {
	names := make([]string, 0, len(qs))
	for n := range qs {
		names = append(names, n)
	}
	sort.Strings(names)
	c, err := s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	for _, n := range names {
		q := qs[n]
		st, err := c.PrepareContext(ctx, q.sql)
		if err != nil {
			return fmt.Errorf("%s: %w", q.where(), err)
		}
		st.Close()
	}
	return nil
}

// pgDriverName is pgx's database/sql driver with the translation of
// SQLite's SQL (see the notes above).
const pgDriverName = "flightplan-pgx"

func init() { sql.Register(pgDriverName, pgDriver{stdlib.GetDefaultDriver()}) }

type pgDriver struct{ base driver.Driver }

func (d pgDriver) Open(name string) (driver.Conn, error) {
	c, err := d.base.Open(name)
	if err != nil {
		return nil, err
	}
	sc := c.(*stdlib.Conn)
	// Statements are prepared and cached by pgx (see pgDSN), so each
	// parameter has the type PostgreSQL gave its place; a number bound
	// where a text is wanted (json_extract's result compared with an id)
	// is written as its text, as SQLite's loose typing would.
	tm := sc.Conn().TypeMap()
	for _, t := range []struct {
		name string
		oid  uint32
	}{{"text", pgtype.TextOID}, {"varchar", pgtype.VarcharOID}} {
		tm.RegisterType(&pgtype.Type{Name: t.name, OID: t.oid, Codec: looseText{}})
	}
	_, caching := cachingDSN.Load(name)
	return &pgConn{Conn: sc, caching: caching}, nil
}

// looseText is pgx's text codec that also takes Go numbers, written in
// decimal.
type looseText struct{ pgtype.TextCodec }

func (c looseText) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if p := c.TextCodec.PlanEncode(m, oid, format, value); p != nil {
		return p
	}
	switch value.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64:
		return numberAsText{}
	}
	return nil
}

type numberAsText struct{}

func (numberAsText) Encode(value any, buf []byte) ([]byte, error) {
	switch v := value.(type) {
	case float64:
		return strconv.AppendFloat(buf, v, 'g', -1, 64), nil
	case float32:
		return strconv.AppendFloat(buf, float64(v), 'g', -1, 32), nil
	}
	return fmt.Append(buf, value), nil
}

// pgConn is a pgx connection that takes SQLite's SQL.
type pgConn struct {
	*stdlib.Conn
	caching bool // prepare and cache the statements that repeat
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.Conn.Prepare(Postgres.sql(query))
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, Postgres.sql(query))
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	q := Postgres.sql(query)
	return c.Conn.ExecContext(ctx, q, c.withMode(q, args))
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q := Postgres.sql(query)
	return c.Conn.QueryContext(ctx, q, c.withMode(q, args))
}

// withMode asks pgx to prepare and cache a statement that runs again and
// again (see cached); pgx takes a mode given as the first argument.
func (c *pgConn) withMode(q string, args []driver.NamedValue) []driver.NamedValue {
	if !c.caching || len(args) == 0 || !cached(q) {
		return args
	}
	return append([]driver.NamedValue{{Value: pgx.QueryExecModeCacheStatement}}, args...)
}

// CheckNamedValue stores a bool as SQLite does, 0 or 1: the flag columns
// are integers in both schemas.
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		nv.Value = int64(0)
		if b {
			nv.Value = int64(1)
		}
	}
	return nil
}

// IsConflict tells whether err is PostgreSQL failing a transaction to
// break a deadlock (40P01) or a serialization conflict (40001) between
// engines sharing a workspace: the transaction did nothing and can run
// again as it was.
func IsConflict(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40P01" || pe.Code == "40001"
	}
	return false
}

// IsUniqueViolation tells whether err is a unique constraint's refusal, in
// either dialect (an email already taken, a name already used).
func IsUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey
	}
	return false
}
