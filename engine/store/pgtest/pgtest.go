// Package pgtest starts a throwaway PostgreSQL server for tests: Debian's
// own binaries (/usr/lib/postgresql/N/bin), a cluster created by initdb in a
// temporary folder, listening on a free loopback port, stopped and removed
// when the test binary ends. A package's tests share one server (started on
// first use, about a second); each test gets its own empty database.
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	func TestX(t *testing.T) {
//		url := pgtest.Database(t) // postgres://flightplan@127.0.0.1:PORT/t_N
//		...
//	}
//
// PostgreSQL refuses to run as root: when the tests run as root, initdb and
// the server run as the "postgres" system user that Debian's package
// creates, and the folder is handed to it. When PostgreSQL is not installed
// the tests that need it fail, saying to run `make setup-test`; they never
// skip quietly.
package pgtest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// Server is a running throwaway PostgreSQL.
type Server struct {
	dir  string // temporary folder: data/, the socket, the log
	port int
	cmd  *exec.Cmd
	done chan struct{}
	n    atomic.Int64 // databases created

	mu        sync.Mutex
	templates map[string]error // Prepared's templates, by name: what init said
	pwUser    bool             // PasswordUser's role was created
}

// URL returns the connection URL of database db on the server.
func (s *Server) URL(db string) string {
	return fmt.Sprintf("postgres://flightplan@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

var (
	once     sync.Once
	shared   *Server
	startErr error
)

// Main runs a package's tests and stops the shared server (if one was
// started) before returning m.Run's exit code.
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	return code
}

// Shared returns the package's server, starting it on first use; the test
// fails when PostgreSQL cannot be started.
func Shared(t testing.TB) *Server {
	t.Helper()
	once.Do(func() { shared, startErr = Start() })
	if startErr != nil {
		t.Fatalf("PostgreSQL for tests: %v", startErr)
	}
	return shared
}

// Database creates an empty database on the shared server for this test,
// dropped when the test ends, and returns its URL.
func Database(t testing.TB) string {
	t.Helper()
	s := Shared(t)
	name := fmt.Sprintf("t_%d", s.n.Add(1))
	if err := s.exec("CREATE DATABASE " + name + " STRATEGY FILE_COPY"); err != nil {
		t.Fatalf("PostgreSQL for tests: %v", err)
	}
	t.Cleanup(func() { _ = s.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	return s.URL(name)
}

// Prepared returns a new database copied from a template that init set up
// once per test binary (key names it): a migrated workspace copies in a
// few milliseconds instead of migrating again for every test.
func Prepared(t testing.TB, key string, init func(url string) error) string {
	t.Helper()
	s := Shared(t)
	tmpl := "tmpl_" + key
	s.mu.Lock()
	err, done := s.templates[tmpl]
	if !done {
		err = s.exec("CREATE DATABASE " + tmpl + " STRATEGY FILE_COPY")
		if err == nil {
			err = init(s.URL(tmpl))
		}
		if s.templates == nil {
			s.templates = map[string]error{}
		}
		s.templates[tmpl] = err
	}
	s.mu.Unlock()
	if err != nil {
		t.Fatalf("PostgreSQL for tests: template %s: %v", key, err)
	}
	name := fmt.Sprintf("t_%d", s.n.Add(1))
	if err := s.exec("CREATE DATABASE " + name + " TEMPLATE " + tmpl + " STRATEGY WAL_LOG"); err != nil {
		t.Fatalf("PostgreSQL for tests: %v", err)
	}
	t.Cleanup(func() { _ = s.exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	return s.URL(name)
}

func (s *Server) exec(stmt string) error {
	db, err := sql.Open("pgx", s.URL("postgres"))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(stmt)
	return err
}

// EnvDB is the variable that runs a package's workspace tests on
// PostgreSQL: FLIGHTPLAN_TEST_DB=postgres go test ./engine/contacts.
const EnvDB = "FLIGHTPLAN_TEST_DB"

// Enabled tells whether the workspace tests run on PostgreSQL (EnvDB).
func Enabled() bool { return os.Getenv(EnvDB) == "postgres" }

// Workspace returns where a test's new workspace lives: a file in a
// temporary folder, or with FLIGHTPLAN_TEST_DB=postgres a database copied
// from a template that init set up once (init opens and closes the URL
// with the store, which this package cannot import).
func Workspace(t testing.TB, init func(url string) error) string {
	t.Helper()
	if Enabled() {
		return Prepared(t, "workspace", init)
	}
	return filepath.Join(t.TempDir(), "ws.flightplan")
}

// binDir finds the newest PostgreSQL installed by Debian's packages, or
// the one in $FLIGHTPLAN_PG_BIN.
func binDir() (string, error) {
	pattern := "/usr/lib/postgresql/*/bin/initdb"
	if d := os.Getenv("FLIGHTPLAN_PG_BIN"); d != "" {
		pattern = filepath.Join(d, "initdb")
	}
	found, _ := filepath.Glob(pattern)
	if len(found) == 0 {
		return "", fmt.Errorf("PostgreSQL is not installed (no %s): run `make setup-test`, which installs Debian's postgresql package", pattern)
	}
	sort.Slice(found, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(found[i]))))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(found[j]))))
		return vi > vj
	})
	return filepath.Dir(found[0]), nil
}

// runAs is the user the server runs as: the current one, or "postgres"
// when running as root (PostgreSQL refuses root).
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, and there is no \"postgres\" user to run PostgreSQL as (PostgreSQL refuses root): run `make setup-test`: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// Start initialises a cluster in a new temporary folder and starts a server
// on a free loopback port. Durability is off (fsync, synchronous commit):
// the data is thrown away.
func Start() (*Server, error) {
	bin, err := binDir()
	if err != nil {
		return nil, err
	}
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "flightplan-pg-")
	if err != nil {
		return nil, err
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	s := &Server{dir: dir}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "flightplan", "--auth=trust",
		"-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	initdb.Dir = dir
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	// One user signs in with a password (PasswordUser); every other one is
	// trusted, as initdb set.
	hba := filepath.Join(data, "pg_hba.conf")
	conf, err := os.ReadFile(hba)
	if err == nil {
		err = os.WriteFile(hba, append([]byte("host all "+passwordUser+" 127.0.0.1/32 scram-sha-256\n"), conf...), 0o600)
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("pg_hba.conf: %w", err)
	}
	// A port taken between choosing and binding it: try another.
	for attempt := 0; ; attempt++ {
		err = s.startServer(bin, data, cred)
		if err == nil {
			return s, nil
		}
		if attempt == 2 || !strings.Contains(err.Error(), "in use") {
			os.RemoveAll(dir)
			return nil, err
		}
	}
}

func (s *Server) startServer(bin, data string, cred *syscall.Credential) error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	s.port = l.Addr().(*net.TCPAddr).Port
	l.Close()
	logPath := filepath.Join(s.dir, "server.log")
	logf, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logf.Close()
	if cred != nil {
		_ = logf.Chown(int(cred.Uid), int(cred.Gid))
	}
	cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", data,
		"-p", strconv.Itoa(s.port), "-k", s.dir,
		"-c", "listen_addresses=127.0.0.1",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200", "-c", "shared_buffers=64MB")
	cmd.Stdout, cmd.Stderr = logf, logf
	// Pdeathsig: a test binary killed by a timeout takes its server with it
	// (SIGQUIT is PostgreSQL's immediate shutdown).
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT, Setpgid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	s.cmd = cmd
	s.done = make(chan struct{})
	go func() { cmd.Wait(); close(s.done) }()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		db, _ := sql.Open("pgx", s.URL("postgres"))
		err := db.PingContext(ctx)
		db.Close()
		if err == nil {
			return nil
		}
		select {
		case <-s.done:
			log, _ := os.ReadFile(logPath)
			return fmt.Errorf("postgres stopped at start: %s", strings.TrimSpace(string(log)))
		case <-ctx.Done():
			s.Stop()
			log, _ := os.ReadFile(logPath)
			return fmt.Errorf("postgres did not accept connections within 30 s: %v\n%s", err, log)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// passwordUser is the one user of the throwaway server that must give a
// password, for tests of what a refused or missing password says.
const passwordUser = "team_pw"

// PasswordUser returns a user of the shared server that signs in only
// with its password (a superuser, so it can use any test database), for
// tests of the password path; the server trusts every other user.
func PasswordUser(t testing.TB) (user, password string) {
	t.Helper()
	user, password, err := Shared(t).PasswordRole()
	if err != nil {
		t.Fatalf("PostgreSQL for tests: %v", err)
	}
	return user, password
}

// PasswordRole creates (once) the server's one user that must give a
// password, and returns its name and password.
func (s *Server) PasswordRole() (user, password string, err error) {
	const pw = "team-secret-7Hq2"
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.pwUser {
		if err := s.exec("CREATE ROLE " + passwordUser + " LOGIN SUPERUSER PASSWORD '" + pw + "'"); err != nil && !strings.Contains(err.Error(), "already exists") {
			return "", "", err
		}
		s.pwUser = true
	}
	return passwordUser, pw, nil
}

// Port is the loopback port the server listens on.
func (s *Server) Port() int { return s.port }

// ExecIn runs one statement in database db of the server (databases and
// tables for a test that is not a Go test, such as pgserve's).
func (s *Server) ExecIn(db, stmt string) error {
	conn, err := sql.Open("pgx", s.URL(db))
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Exec(stmt)
	return err
}

// Stop shuts the server down at once and removes its folder.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		_ = s.cmd.Process.Signal(syscall.SIGQUIT)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	}
	os.RemoveAll(s.dir)
}
