package cli

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"go/build"
	"io"
	"log"
	"math/rand"
	"net"
	"net/http"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"flightplan/engine"
	"flightplan/engine/contact"
	"flightplan/engine/flow"
)

// receiver is a real SMTP server on loopback that the crash test delivers
// to, and can say how many times it received each Message-ID.
type receiver interface {
	Addr() string
	Counts(t *testing.T) map[string]int
}

// countingServer is a go-smtp server in the test process that counts
// messages by their Message-ID.
type countingServer struct {
	addr string
	mu   sync.Mutex
	ids  map[string]int
}

func (s *countingServer) NewSession(*smtp.Conn) (smtp.Session, error) {
	return &countSession{s: s}, nil
}

func (s *countingServer) Addr() string { return s.addr }

func (s *countingServer) Counts(*testing.T) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.ids))
	for k, v := range s.ids {
		out[k] = v
	}
	return out
}

type countSession struct{ s *countingServer }

func (cs *countSession) Mail(string, *smtp.MailOptions) error { return nil }
func (cs *countSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (cs *countSession) Reset()                               {}
func (cs *countSession) Logout() error                        { return nil }
func (cs *countSession) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, msg.Body)
	cs.s.mu.Lock()
	cs.s.ids[strings.Trim(msg.Header.Get("Message-Id"), "<> ")]++
	cs.s.mu.Unlock()
	return nil
}

func startCountingServer(t *testing.T) *countingServer {
	srv := &countingServer{ids: map[string]int{}}
	srv.addr = serveSMTP(t, srv)
	return srv
}

// serveSMTP runs a go-smtp server for backend on a loopback port until the
// test ends, and returns its address.
func serveSMTP(t *testing.T, backend smtp.Backend) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ss := smtp.NewServer(backend)
	ss.Domain = "localhost"
	ss.AllowInsecureAuth = true
	ss.ErrorLog = log.New(io.Discard, "", 0)
	go ss.Serve(ln)
	t.Cleanup(func() { ss.Close() })
	return ln.Addr().String()
}

// startEngine starts an engine process, its output discarded but for the
// lines it logs at level ERROR, each handed to logged.
func startEngine(t *testing.T, cmd *exec.Cmd, logged func(line string)) *exec.Cmd {
	t.Helper()
	cmd.Stdout = io.Discard
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "level=ERROR") {
				logged(sc.Text())
			}
		}
	}()
	return cmd
}

// mailpitServer is Mailpit (github.com/axllent/mailpit), a third-party SMTP
// server that stores what it receives in its own database, read back
// through its REST API.
type mailpitServer struct {
	smtp, api string
}

func (m *mailpitServer) Addr() string { return m.smtp }

// Counts lists every stored message, a page at a time.
func (m *mailpitServer) Counts(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	const page = 1000
	for start := 0; ; start += page {
		var list struct {
			Total    int `json:"total"`
			Messages []struct {
				MessageID string
			} `json:"messages"`
		}
		resp, err := http.Get(fmt.Sprintf("%s/messages?start=%d&limit=%d", m.api, start, page))
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&list)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("Mailpit message list: %v", err)
		}
		for _, msg := range list.Messages {
			out[msg.MessageID]++
		}
		if len(list.Messages) < page {
			return out
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startMailpit runs Mailpit on loopback ports with no message cap (its
// default keeps 500) and a database in a temp dir.
func startMailpit(t *testing.T) *mailpitServer {
	t.Helper()
	bin, err := exec.LookPath("mailpit")
	if err != nil {
		bin = filepath.Join(build.Default.GOPATH, "bin", "mailpit")
		if _, err := os.Stat(bin); err != nil {
			t.Fatalf("mailpit not found on PATH or at %s (make setup-test installs it)", bin)
		}
	}
	dir := t.TempDir()
	m := &mailpitServer{smtp: fmt.Sprintf("127.0.0.1:%d", freePort(t))}
	httpPort := freePort(t)
	m.api = fmt.Sprintf("http://127.0.0.1:%d/api/v1", httpPort)
	cmd := exec.Command(bin, "--smtp", m.smtp, "--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(dir, "mailpit.db"), "--max", "0",
		"--smtp-disable-rdns", "--disable-version-check", "--quiet")
	out := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	// Readiness, not a timing assertion.
	for deadline := time.Now().Add(20 * time.Second); ; {
		select {
		case err := <-exited:
			t.Fatalf("mailpit exited: %v\n%s", err, out)
		default:
		}
		if resp, err := http.Get(m.api + "/info"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return m
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start:\n%s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// engineCommand is `flightplan ARGS` run by this test binary (see
// TestMain): the same code as the test, by construction. A binary built
// with `go build` during the test was built from the working tree as it
// was then: a tree that moved since the test binary was compiled (another
// change landing meanwhile, with a migration) gave a binary of another
// schema, and the test failed once in a while with "created by a newer
// version of Flightplan".
func engineCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperArgs+"="+strings.Join(args, " "))
	return cmd
}

// crashRun is one crash test: contacts journeys of two emails each, the
// headless engine killed with SIGKILL kills times mid-run and restarted,
// delivering over conns connections to rcv.
type crashRun struct {
	contacts, kills, conns int
	// killAfter is the range of a run's life before its kill.
	minRun, maxRun time.Duration
}

// killRecord is what one kill left behind.
type killRecord struct {
	received  int // messages the server held at the kill
	unsettled int // claimed messages the database had not settled
	dups      int // of those, how many the server had already accepted
}

// messageID is the engine's Message-ID for an outbox key.
func messageID(key string) string {
	return strings.ReplaceAll(key, "/", ".") + "@flightplan.localhost"
}

func (cr crashRun) run(t *testing.T, rcv receiver) []killRecord {
	ws := filepath.Join(t.TempDir(), "crash.flightplan")
	eng, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	f := flow.New("crash", "Crash test")
	f.Nodes = []flow.Node{
		{ID: "start", Type: "trigger.manual"},
		{ID: "tag", Type: "action.tag_add", Config: map[string]any{"tag": "in"}},
		{ID: "first", Type: "action.send_email", Config: map[string]any{"template": "t1"}},
		{ID: "wait", Type: "wait.delay", Config: map[string]any{"duration": "2s"}},
		{ID: "second", Type: "action.send_email", Config: map[string]any{"template": "t2"}},
		{ID: "end", Type: "exit"},
	}
	f.Edges = []flow.Edge{{From: "start", To: "tag"}, {From: "tag", To: "first"}, {From: "first", To: "wait"}, {From: "wait", To: "second"}, {From: "second", To: "end"}}
	if _, err := eng.Store.Publish(f, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"t1", "t2"} {
		eng.Store.SaveTemplate(id, id, `{"subject":"Hello {{ contact.email }}","html":"<p>Hi {{ contact.email }}</p>"}`, time.Now())
	}
	tx, _ := eng.Store.DB().Begin()
	ids := make([]int64, cr.contacts)
	for i := range ids {
		res, err := tx.Exec(`INSERT INTO contacts(email, created_at, updated_at) VALUES(?,0,0)`, fmt.Sprintf("c%d@example.com", i))
		if err != nil {
			t.Fatal(err)
		}
		ids[i], _ = res.LastInsertId()
	}
	tx.Commit()
	if n, err := eng.Runner.Enroll(ctx, "crash", ids); err != nil || n != cr.contacts {
		t.Fatal(n, err)
	}
	eng.Close()

	start := func() *exec.Cmd {
		return startEngine(t, engineCommand("run", "--workspace", ws, "--relay", rcv.Addr(), "--connections", fmt.Sprint(cr.conns),
			"--http", "127.0.0.1:0", "--capture", "127.0.0.1:0", "--poll", "20ms"), func(line string) { t.Log(line) })
	}
	// unsettled reads, with the engine dead, the messages it had claimed
	// and not settled: only those can be sent again.
	unsettled := func() []string {
		db, err := sql.Open("sqlite3", "file:"+ws+"?mode=ro&_busy_timeout=5000")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT key FROM outbox WHERE status='sending'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var keys []string
		for rows.Next() {
			var k string
			rows.Scan(&k)
			keys = append(keys, k)
		}
		return keys
	}
	// settledCounts waits until the server has stored what the dead
	// engine's last bytes carried (its count stops moving), then counts.
	settledCounts := func() map[string]int {
		prev := -1
		for {
			c := rcv.Counts(t)
			total := 0
			for _, n := range c {
				total += n
			}
			if total == prev {
				return c
			}
			prev = total
			time.Sleep(100 * time.Millisecond)
		}
	}
	rng := rand.New(rand.NewSource(1))
	var kills []killRecord
	// attributed counts, per Message-ID, the accepted copies that kills
	// left unsettled: a message can stay claimed across several kills
	// before it is sent again, and counts once.
	attributed := map[string]int{}
	for i := 0; i < cr.kills; i++ {
		cmd := start()
		time.Sleep(cr.minRun + time.Duration(rng.Int63n(int64(cr.maxRun-cr.minRun))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		counts := settledCounts()
		k := killRecord{}
		for _, n := range counts {
			k.received += n
		}
		for _, key := range unsettled() {
			k.unsettled++
			if id := messageID(key); counts[id] > attributed[id] {
				attributed[id]++
				k.dups++
			}
		}
		kills = append(kills, k)
	}
	cmd := start()
	deadline := time.Now().Add(90 * time.Second)
	eng2, err := engine.New(engine.Options{Workspace: ws})
	if err != nil {
		t.Fatal(err)
	}
	defer eng2.Close()
	for {
		var open, pending int
		eng2.Store.ReadDB().QueryRow(`SELECT count(*) FROM enrollments WHERE status<>'done'`).Scan(&open)
		eng2.Store.ReadDB().QueryRow(`SELECT count(*) FROM outbox WHERE status<>'sent'`).Scan(&pending)
		if open == 0 && pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the restarts, %d journeys and %d messages are unfinished", open, pending)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()

	// Every journey: exactly these steps, in order, once.
	want := "start:next tag:next first:next wait:(wait) wait:next second:next end:(end)"
	rows, err := eng2.Store.ReadDB().Query(`SELECT enrollment_id, group_concat(node || ':' || CASE WHEN port<>'' THEN port ELSE '(' || outcome || ')' END, ' ') FROM (SELECT * FROM steps ORDER BY id) GROUP BY enrollment_id`)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id int64
		var path string
		rows.Scan(&id, &path)
		if path != want {
			t.Errorf("enrollment %d: %s", id, path)
		}
		n++
	}
	rows.Close()
	if n != cr.contacts {
		t.Errorf("%d journeys journaled, want %d", n, cr.contacts)
	}
	var tagged int
	eng2.Store.ReadDB().QueryRow(`SELECT count(*) FROM contact_tags WHERE tag='in'`).Scan(&tagged)
	if tagged != cr.contacts {
		t.Errorf("%d contacts tagged, want %d", tagged, cr.contacts)
	}
	var sentEvents int
	eng2.Store.ReadDB().QueryRow(`SELECT count(*) FROM events WHERE type=?`, contact.EventEmailSent).Scan(&sentEvents)
	if sentEvents != 2*cr.contacts {
		t.Errorf("%d email_sent events, want %d", sentEvents, 2*cr.contacts)
	}

	// Every email reached the server; a duplicate is only ever a message
	// the server had accepted when a kill came before its settlement, and
	// each connection carries at most one such message.
	counts := rcv.Counts(t)
	keys, err := eng2.Store.ReadDB().Query(`SELECT key FROM outbox`)
	if err != nil {
		t.Fatal(err)
	}
	lost := 0
	for keys.Next() {
		var k string
		keys.Scan(&k)
		if counts[messageID(k)] == 0 {
			lost++
		}
	}
	keys.Close()
	dups := 0
	for _, c := range counts {
		dups += c - 1
	}
	total := 0
	var per []string
	for i, k := range kills {
		total += k.dups
		per = append(per, fmt.Sprint(k.dups))
		t.Logf("kill %2d: server held %4d messages; %3d claimed and unsettled, %d of them already accepted (duplicates)", i+1, k.received, k.unsettled, k.dups)
		if k.dups > cr.conns {
			t.Errorf("kill %d left %d accepted messages unsettled, more than the %d connections", i+1, k.dups, cr.conns)
		}
	}
	t.Logf("%d kills over %d connections: duplicates per kill %s (total %d); %d distinct emails received, %d lost",
		len(kills), cr.conns, strings.Join(per, " "), dups, len(counts), lost)
	if lost != 0 || len(counts) != 2*cr.contacts {
		t.Errorf("%d distinct emails reached the server, want %d (%d outbox messages never arrived)", len(counts), 2*cr.contacts, lost)
	}
	if dups != total {
		t.Errorf("the server received %d duplicates, but the kills left %d accepted messages unsettled: a duplicate came from elsewhere", dups, total)
	}
	if kills[0].received == 0 && kills[len(kills)-1].received >= 2*cr.contacts {
		t.Errorf("no kill fell during delivery")
	}
	return kills
}

// TestCrashSafety runs the headless engine as a separate process over
// thousands of due journeys and pending emails, kills it with SIGKILL
// mid-run several times, restarts it, and checks that every journey ends
// where it should with every step journaled once, and that each email
// reached the SMTP server, twice at most for the message in flight on a
// connection at a kill.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the engine as a process; skipped with -short only")
	}
	t.Run("go-smtp", func(t *testing.T) {
		crashRun{contacts: 2000, kills: 6, conns: 2, minRun: 250 * time.Millisecond, maxRun: 950 * time.Millisecond}.
			run(t, startCountingServer(t))
	})
	t.Run("mailpit", func(t *testing.T) {
		crashRun{contacts: 2000, kills: 10, conns: 4, minRun: 250 * time.Millisecond, maxRun: 950 * time.Millisecond}.
			run(t, startMailpit(t))
	})
}
