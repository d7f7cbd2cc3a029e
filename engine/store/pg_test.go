package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"flightplan/engine/store/pgtest"
)

// openPGStore opens a new PostgreSQL workspace in its own database.
func openPGStore(t *testing.T) (*Store, string) {
	t.Helper()
	url := pgtest.Database(t)
	s, err := Open(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, url
}

// A postgres:// workspace is set up on an empty database, every named
// query prepares there, and it opens again at the same schema version.
func TestPostgresWorkspaceOpens(t *testing.T) {
	s, url := openPGStore(t)
	if s.Dialect() != Postgres {
		t.Fatalf("dialect %v", s.Dialect())
	}
	qs, err := pgQueries()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.prepareAllPG(context.Background(), qs); err != nil {
		t.Fatal(err)
	}
	var ver string
	if err := s.QueryRow(context.Background(), "get-meta", "schema_version").Scan(&ver); err != nil {
		t.Fatal(err)
	}
	if want := strconv.Itoa(len(migrationNames())); ver != want {
		t.Fatalf("schema version %s, want %s (the SQLite one)", ver, want)
	}
	if err := s.SetSetting("k", "v"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(url)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, _ := s2.Setting("k"); v != "v" {
		t.Fatalf("setting after reopening: %q", v)
	}
}

// A database holding another program's tables is refused and left as it
// was; one from a newer Flightplan too.
func TestPostgresRefusesOtherDatabases(t *testing.T) {
	url := pgtest.Database(t)
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE invoices (id int)`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(url); !errors.Is(err, ErrNotWorkspace) {
		t.Fatalf("another program's database: %v", err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema='public'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("the database was changed: %d tables, %v", n, err)
	}

	s, url2 := openPGStore(t)
	if _, err := s.Exec(context.Background(), "set-app-and-schema-version", AppID, "999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(url2); !errors.Is(err, ErrTooNew) {
		t.Fatalf("a newer workspace: %v", err)
	}
	// The URL's password never reaches a message.
	if _, err := Open("postgres://me:secret@127.0.0.1:1/nothing?sslmode=disable&connect_timeout=2"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("unreachable server: %v", err)
	}
}

// Placeholders become PostgreSQL's, outside quotes and comments.
func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		"SELECT ? , ?":                   "SELECT $1 , $2",
		"WHERE (?1='' OR a=?1) AND b=?2": "WHERE ($1='' OR a=$1) AND b=$2",
		"SELECT '?' , \"?\" -- ?\n, ?":   "SELECT '?' , \"?\" -- ?\n, $1",
		"SELECT 1":                       "SELECT 1",
	} {
		if got := rebind(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}

// A second engine on a PostgreSQL workspace is refused with a message
// naming the first; the lock goes with its holder.
func TestPostgresWorkspaceLock(t *testing.T) {
	url := pgtest.Database(t)
	l, err := LockWorkspace(url, "flightplan serve")
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockWorkspace(url, "window")
	var le *LockedError
	if !errors.As(err, &le) || le.Holder.Command != "flightplan serve" || le.Holder.PID != os.Getpid() {
		t.Fatalf("second lock: %v (%+v)", err, le)
	}
	if !strings.Contains(err.Error(), "flightplan serve") {
		t.Fatalf("message: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := LockWorkspace(url, "window")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

// Bytes cross as they are: a captured message with a backslash, a NUL and
// bytes that are not UTF-8 reads back the same on PostgreSQL, and a flag
// written as a Go bool reads back as one.
func TestPostgresValuesRoundTrip(t *testing.T) {
	s, _ := openPGStore(t)
	raw := []byte("Subject: a\\b\x00c\xff\xfe\r\n\r\n\\x41")
	if _, err := s.StoreCaptured("a@example.com", "b@example.com", "s", "<m1@x>", raw, time.Unix(1, 0)); err != nil {
		t.Fatal(err)
	}
	msgs, err := s.Mailbox(10)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("%v %v", msgs, err)
	}
	m, err := s.MailboxRaw(msgs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(m.Raw, raw) {
		t.Fatalf("raw %q, want %q", m.Raw, raw)
	}
	ctx := context.Background()
	if _, err := s.ExecContext(ctx, `INSERT INTO contacts(email, unsubscribed, created_at, updated_at) VALUES(?, ?, 0, 0)`, "Zoe@Example.com", true); err != nil {
		t.Fatal(err)
	}
	var unsub bool
	if err := s.QueryRowContext(ctx, `SELECT unsubscribed FROM contacts WHERE email = ?`, "zoe@example.com").Scan(&unsub); err != nil || !unsub {
		t.Fatalf("flag %v %v (and the email found whatever its case)", unsub, err)
	}
}

// The statements that repeat (named queries, texts marked Repeated) are
// prepared once on a connection and cached there; a text built at run time
// is not; a URL that names pgx's "exec" mode prepares none. A number bound
// where PostgreSQL wants text is written as its decimal text.
func TestPostgresCachesTheStatementsThatRepeat(t *testing.T) {
	ctx := context.Background()
	prepared := func(s *Store, text string) bool {
		t.Helper()
		// The writer has one connection: this reads its own session.
		var n int
		if err := s.DB().QueryRowContext(ctx, `SELECT count(*) FROM pg_prepared_statements WHERE statement = $1`, text).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	named := pgQuery("set-setting").sql
	built := `UPDATE settings SET value=? WHERE key=? AND value<>'built'`
	marked := Repeated(`UPDATE settings SET value=? WHERE key=? AND value<>'marked'`)
	run := func(s *Store) {
		t.Helper()
		if _, err := s.Exec(ctx, "set-setting", "k", "v"); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{built, marked} {
			if _, err := s.DB().ExecContext(ctx, q, "w", "k"); err != nil {
				t.Fatal(err)
			}
		}
	}
	s, url := openPGStore(t)
	run(s)
	if !prepared(s, named) || !prepared(s, Postgres.sql(marked)) {
		t.Errorf("a named query or a Repeated statement is not prepared on its connection")
	}
	if prepared(s, Postgres.sql(built)) {
		t.Errorf("a statement built at run time was prepared")
	}
	// A number where text is wanted (key is text), through a cached
	// statement.
	if _, err := s.DB().ExecContext(ctx, marked, "x", 42); err != nil {
		t.Errorf("a number bound to a text parameter: %v", err)
	}

	u, err := Open(url + "&default_query_exec_mode=exec")
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	run(u)
	if prepared(u, named) || prepared(u, Postgres.sql(marked)) {
		t.Errorf("with default_query_exec_mode=exec in the URL, a statement was prepared")
	}
}
