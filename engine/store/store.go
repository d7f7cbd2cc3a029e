// Package store is the SQLite workspace: one file holds contacts, events,
// flows, enrollments, the journal, the outbox and the capture mailbox.
//
// One writer connection (immediate transactions) and a pool of read-only
// connections, WAL mode, busy_timeout set first so that even the pragma
// statements wait for a lock instead of failing.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// AppID marks a SQLite file as a Flightplan workspace (meta.app).
const AppID = "flightplan"

// Store is an open workspace.
type Store struct {
	Path string
	w    *sql.DB // the single writer
	r    *sql.DB // readers
	cp   *checkpointer
	// templateGen counts template saves and deletes (see TemplatesVersion).
	templateGen atomic.Uint64
	sec         secrets
	dialect     Dialect
}

// ErrNotWorkspace is returned for a file that is not a Flightplan workspace.
var ErrNotWorkspace = errors.New("not a Flightplan workspace")

// ErrTooNew is returned for a workspace written by a newer Flightplan.
var ErrTooNew = errors.New("workspace was created by a newer version of Flightplan")

// Open opens (creating if needed) the workspace at path and brings its
// schema up to date. A file that is not a Flightplan workspace, or one from
// a newer version, is refused and left untouched.
//
// A postgres:// (or postgresql://) URL opens a PostgreSQL workspace instead
// (see dialect.go): the database must exist; an empty one is set up.
func Open(path string) (*Store, error) {
	if IsURL(path) {
		return openPG(path)
	}
	if err := precheck(path); err != nil {
		return nil, err
	}
	if err := prepareFile(path); err != nil {
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	uri, err := fileURI(path)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	base := uri + "?_busy_timeout=10000&_journal_mode=WAL&_synchronous=NORMAL&_foreign_keys=on&_stmt_cache_size=256"
	w, err := sql.Open(writerDriver, base+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite3", base+"&mode=ro&_query_only=1")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	s := &Store{Path: path, w: w, r: r}
	if err := s.migrate(); err != nil {
		s.Close()
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	if err := s.prepareQueries(context.Background()); err != nil {
		s.Close()
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	if s.cp, err = startCheckpointer(base); err != nil {
		s.Close()
		return nil, fmt.Errorf("workspace %s: %w", path, err)
	}
	return s, nil
}

// precheck inspects an existing file read-only before anything writes to it.
func precheck(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("workspace %s: %w", path, err)
	}
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if n == 0 {
		return nil // an empty file becomes a new workspace
	}
	if string(head[:n]) != "SQLite format 3\x00" {
		return fmt.Errorf("workspace %s: %w (it is not a SQLite database)", path, ErrNotWorkspace)
	}
	uri, err := fileURI(path)
	if err != nil {
		return fmt.Errorf("workspace %s: %w", path, err)
	}
	db, err := sql.Open("sqlite3", uri+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return fmt.Errorf("workspace %s: %w", path, err)
	}
	defer db.Close()
	ctx := context.Background()
	q := With(db)
	var tables int
	if err := q.QueryRow(ctx, "count-tables").Scan(&tables); err != nil {
		return fmt.Errorf("workspace %s: %w (%v)", path, ErrNotWorkspace, err)
	}
	if tables == 0 {
		return nil
	}
	var app, ver string
	if err := q.QueryRow(ctx, "get-meta", "app").Scan(&app); err != nil || app != AppID {
		return fmt.Errorf("workspace %s: %w (a SQLite database of another program)", path, ErrNotWorkspace)
	}
	_ = q.QueryRow(ctx, "get-meta", "schema_version").Scan(&ver)
	v, _ := strconv.Atoi(ver)
	if v > len(migrationNames()) {
		return fmt.Errorf("workspace %s: %w (schema %d, this version knows %d): update Flightplan to open it", path, ErrTooNew, v, len(migrationNames()))
	}
	return nil
}

func migrationNames() []string {
	ents, _ := migrations.ReadDir("migrations")
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func (s *Store) migrate() error {
	ctx := context.Background()
	var cur int
	var exists int
	// The schema may not exist yet: these statements are prepared (and
	// checked) only after the migrations, so they run on the writer as text.
	w := With(s.w)
	if err := w.QueryRow(ctx, "has-meta").Scan(&exists); err != nil {
		return err
	}
	if exists == 1 {
		var v string
		if err := w.QueryRow(ctx, "get-meta", "schema_version").Scan(&v); err != nil {
			return fmt.Errorf("reading schema version: %w", err)
		}
		cur, _ = strconv.Atoi(v)
	}
	for i, name := range migrationNames() {
		if i < cur {
			continue
		}
		body, err := migrations.ReadFile("migrations/" + name)
		if err != nil {
			return err
		}
		tx, err := s.Begin(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.Exec(ctx, "set-app-and-schema-version", AppID, strconv.Itoa(i+1)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// Close closes both pools.
func (s *Store) Close() error {
	var e0 error
	if s.cp != nil {
		e0 = s.cp.close()
	}
	var e1, e2 error
	if s.r != nil {
		e1 = s.r.Close()
	}
	if s.w != nil {
		e2 = s.w.Close()
	}
	return errors.Join(e0, e1, e2)
}

// WriterWaits counts the times a caller has had to wait for the writer
// since the workspace opened: the runner compares it across a batch to
// tell that someone else wants the write lock.
func (s *Store) WriterWaits() int64 { return s.w.Stats().WaitCount }

// DB returns the writer, for tests that seed or inspect a workspace with
// raw SQL. Code outside tests never chooses a connection (TestConnections
// checks it): it uses the named queries (Exec, Query, QueryRow), the
// Querier methods for SQL built at run time, and RunInTransaction.
func (s *Store) DB() *sql.DB { return s.w }

// ReadDB returns the reader pool, for tests (see DB).
func (s *Store) ReadDB() *sql.DB { return s.r }

// ExecBeside runs one write that must not queue behind the writer's
// batches, such as a lease renewal: a renewal that waits there past the
// lease lets another engine take the work. On PostgreSQL any connection
// may write, so it runs on a pooled connection; SQLite has one writer, so
// there it runs in a transaction on it.
func (s *Store) ExecBeside(ctx context.Context, q string, args ...any) error {
	if s.Dialect() == Postgres {
		_, err := s.r.ExecContext(ctx, q, args...)
		return err
	}
	return s.RunInTransaction(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
}

// Now is the store's time unit: Unix milliseconds.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

// Setting returns a workspace setting ("" when unset). A secret setting
// (see secretSettings) comes from the system keyring when it is kept there.
func (s *Store) Setting(key string) (string, error) {
	v, err := s.plainSetting(key)
	if err != nil {
		return "", err
	}
	if field, secret := secretSettings[key]; secret {
		return s.readSecret(key, field, v)
	}
	return v, nil
}

// SetSetting stores a workspace setting; a secret one goes to the system
// keyring when the store uses one (UseKeyring).
func (s *Store) SetSetting(key, value string) error {
	if field, secret := secretSettings[key]; secret {
		return s.writeSecret(key, field, value)
	}
	return s.setPlain(key, value)
}

// InitSetting gives a setting its first value unless it has one, and
// returns the value it has: two engines starting at once on a shared
// (PostgreSQL) workspace both end up with the first one's intake token and
// tracking key. A secret kept in the system keyring is set as SetSetting
// does (each machine has its own keyring).
func (s *Store) InitSetting(key, value string) (string, error) {
	if _, secret := secretSettings[key]; secret && s.keyring() {
		if err := s.SetSetting(key, value); err != nil {
			return "", err
		}
		return s.Setting(key)
	}
	if _, err := s.Exec(context.Background(), "add-setting", key, value); err != nil {
		return "", err
	}
	v, err := s.Setting(key)
	if err == nil && v == "" {
		// A row holding an empty value is no value: replace it.
		if err = s.SetSetting(key, value); err == nil {
			v = value
		}
	}
	return v, err
}

func (s *Store) plainSetting(key string) (string, error) {
	var v string
	err := s.QueryRow(context.Background(), "get-setting", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

func (s *Store) setPlain(key, value string) error {
	_, err := s.Exec(context.Background(), "set-setting", key, value)
	return err
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
